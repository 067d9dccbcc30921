using System.Threading.RateLimiting;
using MangaAssist.Orchestrator.Capacity;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// Back-pressure: at most <c>Capacity:MaxConcurrentStreams</c> Bedrock streams at once and a bounded, time-limited
/// queue in front of them. <see cref="AdmissionPolicy"/> decides when a request is refused with <c>busy</c>: only on
/// genuine overload, as early as it can be predicted, with a retry hint from the current drain rate.
/// </summary>
public sealed class StreamAdmission : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly CapacityOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly AdmissionPolicy _policy;
    private readonly DrainRate _drain;
    private readonly ILoadSignal _load;
    private readonly LoadSampler? _ownedSignal;

    public StreamAdmission(IOptions<CapacityOptions> options, TimeProvider timeProvider)
        : this(options, timeProvider, null)
    {
    }

    /// <param name="load">The load signal; <see langword="null"/> starts this instance's own <see cref="LoadSampler"/>.</param>
    internal StreamAdmission(IOptions<CapacityOptions> options, TimeProvider timeProvider, ILoadSignal? load)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _policy = new AdmissionPolicy(_options);
        _drain = new DrainRate(timeProvider);
        if (load is null)
        {
            var sampler = new LoadSampler(timeProvider);
            _ownedSignal = sampler;
            load = sampler;
        }

        _load = load;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _options.MaxConcurrentStreams,
            QueueLimit = _options.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public long InFlight => _options.MaxConcurrentStreams - (_limiter.GetStatistics()?.CurrentAvailablePermits ?? 0);

    public long Queued => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>The hint for a request refused when it would be next in the queue (the configured one while the drain rate is unknown).</summary>
    public TimeSpan BusyRetryAfter => _policy.RetryAfter(Queued + 1, _drain.PerSecond());

    /// <summary>
    /// A stream that is free right now, without queueing, or null (none is, or the policy would not start one). It is
    /// counted as a finished stream only once <see cref="Entered"/> wraps it, so one given back unused changes nothing.
    /// </summary>
    public RateLimitLease? TryEnterAtOnce()
    {
        var verdict = _policy.Decide(_limiter.GetStatistics()?.CurrentAvailablePermits > 0, Queued, _drain.PerSecond(), _load.Current);
        var lease = verdict.Action == AdmissionAction.Start ? _limiter.AttemptAcquire() : null;
        if (lease is { IsAcquired: true })
        {
            return lease;
        }

        lease?.Dispose();
        return null;
    }

    /// <summary>The stream <see cref="TryEnterAtOnce"/> took, now held by an admitted answer.</summary>
    public RateLimitLease Entered(RateLimitLease early) => new DrainingLease(early, _drain);

    public async ValueTask<StreamEntry> EnterAsync(CancellationToken cancellationToken)
    {
        var queued = Queued;
        var verdict = _policy.Decide(_limiter.GetStatistics()?.CurrentAvailablePermits > 0, queued, _drain.PerSecond(), _load.Current);
        if (verdict.Action == AdmissionAction.Refuse)
        {
            return new StreamEntry(null, verdict.Reason, verdict.RetryAfter);
        }

        var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return new StreamEntry(new DrainingLease(lease, _drain), null, TimeSpan.Zero);
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
            return new StreamEntry(null, "queue_wait_exceeded", BusyRetryAfter);
        }

        if (lease.IsAcquired)
        {
            return new StreamEntry(new DrainingLease(lease, _drain), null, TimeSpan.Zero);
        }

        lease.Dispose();
        return new StreamEntry(null, "queue_full", BusyRetryAfter);
    }

    public void Dispose()
    {
        _limiter.Dispose();
        _ownedSignal?.Dispose();
    }
}
