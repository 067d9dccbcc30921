using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Extensions;

/// <summary>
/// A stopping service (SIGTERM) answers <c>/health/ready</c> with 503 at once, and keeps serving for
/// <see cref="ShutdownOptions.ReadinessGrace"/> before the drain begins: long enough for a health-checking load
/// balancer to stop sending it new work, so no call meets a closed port.
/// </summary>
public sealed class StoppingReadiness(IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options, TimeProvider timeProvider)
    : IHealthCheck, IHostedLifecycleService
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("stopping") : HealthCheckResult.Healthy());

    // Runs before every hosted service's StopAsync (the answer drain among them), while Kestrel still serves.
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ReadinessGrace > TimeSpan.Zero)
        {
            await Task.Delay(options.Value.ReadinessGrace, timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
