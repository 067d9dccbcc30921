using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MangaAssist.SharedState.Redis;

/// <summary>
/// Healthy when Redis serves (or none is configured); Degraded while capabilities run on local fallbacks.
/// Unhealthy only while a starting instance waits for its first Redis connection (<c>Redis:StartupPatience</c>), so no
/// traffic reaches it before it can see the fleet's shared state; after that never: chat works without Redis, so a
/// running instance must not leave the load balancer for it.
/// </summary>
internal sealed class SharedStateHealthCheck : IHealthCheck
{
    private readonly ISharedStateHealth _health;

    public SharedStateHealthCheck(ISharedStateHealth health) => _health = health;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_health.Status switch
        {
            SharedStateStatus.InMemory => HealthCheckResult.Healthy("Shared state is in memory (no Redis configured)."),
            SharedStateStatus.Available => HealthCheckResult.Healthy("Redis is available."),
            SharedStateStatus.Connecting => HealthCheckResult.Unhealthy("Connecting to Redis for the first time; ready once it answers or Redis:StartupPatience ends."),
            _ => HealthCheckResult.Degraded("Redis is unavailable; cache, single-flight, sessions and limits are local to this instance and resume is off."),
        });
}

internal sealed class InMemorySharedStateHealth : ISharedStateHealth
{
    public SharedStateStatus Status => SharedStateStatus.InMemory;
}
