using MangaAssist.Retrieval;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MangaAssist.Orchestrator.Extensions;

/// <summary>
/// Ready once retrieval can ground answers (the embedded index is built, or OpenSearch is
/// configured), so the load balancer sends shoppers only to instances that cite the catalog.
/// Warming up is expected, not a failure: it says so once, says once when it is ready, and warns
/// once only when warming up takes longer than <see cref="WarmUpPatience"/>. Register it as a singleton.
/// </summary>
public sealed partial class RetrievalReadinessCheck(IRetrievalReadiness readiness, TimeProvider time, ILogger<RetrievalReadinessCheck> logger) : IHealthCheck
{
    /// <summary>The catalog embeds in seconds; minutes means the embedding model is failing and a person should look.</summary>
    public static readonly TimeSpan WarmUpPatience = TimeSpan.FromMinutes(2);

    private readonly long _created = time.GetTimestamp();
    private int _warmingLogged;
    private int _slowLogged;
    private int _readyLogged;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var elapsed = time.GetElapsedTime(_created);
        if (readiness.IsReady)
        {
            if (Interlocked.Exchange(ref _readyLogged, 1) == 0)
            {
                Log.Ready(logger, elapsed.TotalSeconds);
            }

            return Task.FromResult(HealthCheckResult.Healthy("Retrieval is ready."));
        }

        if (Interlocked.Exchange(ref _warmingLogged, 1) == 0)
        {
            Log.WarmingUp(logger);
        }

        if (elapsed > WarmUpPatience && Interlocked.Exchange(ref _slowLogged, 1) == 0)
        {
            Log.StillWarmingUp(logger, elapsed.TotalSeconds);
        }

        return Task.FromResult(HealthCheckResult.Unhealthy("The catalog index is still being built."));
    }

    private static partial class Log
    {
        [LoggerMessage(1800, LogLevel.Information, "Retrieval is warming up (the catalog index is being built); readiness answers 503 until it is done")]
        public static partial void WarmingUp(ILogger logger);

        [LoggerMessage(1801, LogLevel.Information, "Retrieval is ready; readiness answers 200 ({Seconds:F1} s after the first probe)")]
        public static partial void Ready(ILogger logger, double seconds);

        [LoggerMessage(1802, LogLevel.Warning, "Retrieval is still not ready after {Seconds:F0} s: this task gets no traffic until the catalog index is built (see the index build and embedding errors)")]
        public static partial void StillWarmingUp(ILogger logger, double seconds);
    }
}
