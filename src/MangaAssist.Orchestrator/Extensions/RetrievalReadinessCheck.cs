using MangaAssist.Retrieval;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MangaAssist.Orchestrator.Extensions;

/// <summary>
/// Ready once retrieval can ground answers (the embedded index is built, or OpenSearch is
/// configured), so the load balancer sends shoppers only to instances that cite the catalog.
/// </summary>
public sealed class RetrievalReadinessCheck(IRetrievalReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy("Retrieval is ready.")
            : HealthCheckResult.Unhealthy("The catalog index is still being built."));
}
