using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MangaAssist.Orchestrator.Continuity;

/// <summary>Not ready from the moment the task starts draining, so the gateway stops sending it new work first.</summary>
public sealed class DrainReadinessCheck(AnswerHandover handover) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(handover.Draining ? HealthCheckResult.Unhealthy("The task is draining.") : HealthCheckResult.Healthy());
}
