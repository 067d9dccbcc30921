using MangaAssist.Orchestrator.Options;

namespace MangaAssist.Orchestrator.Capacity;

/// <summary>
/// When a request is refused with <c>busy</c> (docs/capacity.md): only on genuine overload. That is (1) the process
/// cannot keep up: thread-pool scheduling lag or managed heap over its bound, so one more stream would slow or
/// endanger every stream already running; or (2) no stream is free and the wait in the queue would exceed
/// <c>Capacity:MaxQueueWait</c>, predicted from the current drain rate (refused at once, not after the wait) or
/// because the queue is full. The retry hint is the predicted time until a stream frees for this request.
/// </summary>
public sealed class AdmissionPolicy(CapacityOptions options)
{
    /// <summary>Never suggest hammering back sooner than this: a wave of refused clients would return at once.</summary>
    public static readonly TimeSpan MinimumRetryAfter = TimeSpan.FromMilliseconds(250);

    /// <summary>A hint longer than this says "later" no more honestly than this does.</summary>
    public static readonly TimeSpan MaximumRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>The load signal is smoothed over about a second, so it cannot clear sooner than that.</summary>
    public static readonly TimeSpan LoadSignalRecovery = TimeSpan.FromSeconds(1);

    /// <param name="streamFree">Whether a stream permit is available now.</param>
    /// <param name="queued">Requests already waiting for a stream.</param>
    /// <param name="drainPerSecond">Streams finishing per second, or <see langword="null"/> while unknown.</param>
    /// <param name="load">The process's current load.</param>
    public AdmissionVerdict Decide(bool streamFree, long queued, double? drainPerSecond, LoadSnapshot load)
    {
        var ahead = streamFree ? 0 : queued + 1;
        if (options.MaxSchedulingLag > TimeSpan.Zero && load.SchedulingLag > options.MaxSchedulingLag)
        {
            return AdmissionVerdict.Refuse("scheduling_lag", Max(RetryAfter(ahead, drainPerSecond), LoadSignalRecovery));
        }

        if (options.MaxHeapFraction < 1 && load.HeapFraction > options.MaxHeapFraction)
        {
            return AdmissionVerdict.Refuse("memory", Max(RetryAfter(ahead, drainPerSecond), LoadSignalRecovery));
        }

        if (streamFree)
        {
            return AdmissionVerdict.Start;
        }

        if (queued >= options.MaxQueuedRequests)
        {
            return AdmissionVerdict.Refuse("queue_full", RetryAfter(ahead, drainPerSecond));
        }

        if (drainPerSecond is { } rate && PredictedWait(ahead, rate) > options.MaxQueueWait)
        {
            return AdmissionVerdict.Refuse("queue_wait_predicted", RetryAfter(ahead, rate));
        }

        return AdmissionVerdict.Queue;
    }

    /// <summary>
    /// The hint for a request with <paramref name="ahead"/> requests (itself included) before it gets a stream: that
    /// many completions at the current drain rate; the configured <c>BusyRetryAfter</c> while the rate is unknown.
    /// </summary>
    public TimeSpan RetryAfter(long ahead, double? drainPerSecond)
    {
        if (drainPerSecond is not { } rate)
        {
            return options.BusyRetryAfter;
        }

        var predicted = PredictedWait(Math.Max(ahead, 1), rate);
        return predicted < MinimumRetryAfter ? MinimumRetryAfter : predicted > MaximumRetryAfter ? MaximumRetryAfter : predicted;
    }

    private static TimeSpan PredictedWait(long ahead, double rate) =>
        rate <= 0 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(Math.Min(ahead / rate, MaximumRetryAfter.TotalSeconds * 2));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
