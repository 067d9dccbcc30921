using System.Threading.RateLimiting;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// Back-pressure: at most <c>Capacity:MaxConcurrentStreams</c> Bedrock streams at once and a
/// bounded, time-limited queue in front of them. A request that finds the queue full, or waits
/// too long, is refused at once with <c>busy</c> rather than piling up memory and latency.
/// </summary>
public sealed class StreamAdmission : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly CapacityOptions _options;
    private readonly TimeProvider _timeProvider;

    public StreamAdmission(IOptions<CapacityOptions> options, TimeProvider timeProvider)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _options.MaxConcurrentStreams,
            QueueLimit = _options.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public long InFlight => _options.MaxConcurrentStreams - (_limiter.GetStatistics()?.CurrentAvailablePermits ?? 0);

    public long Queued => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    public TimeSpan BusyRetryAfter => _options.BusyRetryAfter;

    /// <summary>A lease to dispose when the stream ends, or the reason the request is refused.</summary>
    public async ValueTask<(RateLimitLease? Lease, string? Refusal)> EnterAsync(CancellationToken cancellationToken)
    {
        var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return (lease, null);
        }

        lease.Dispose();
        using var wait = new CancellationTokenSource(_options.MaxQueueWait, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wait.Token);
        try
        {
            lease = await _limiter.AcquireAsync(1, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "queue_wait_exceeded");
        }

        if (lease.IsAcquired)
        {
            return (lease, null);
        }

        lease.Dispose();
        return (null, "queue_full");
    }

    public void Dispose() => _limiter.Dispose();
}
