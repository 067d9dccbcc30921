using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Options;

/// <summary>
/// Back-pressure: how many answers stream at once and when a request is refused with <c>busy</c>. Configuration
/// section <c>Capacity</c>. The defaults are sized for one 2-vCPU, 4-GiB task from measurements (docs/capacity.md).
/// </summary>
public sealed class CapacityOptions
{
    public const string SectionName = "Capacity";

    /// <summary>
    /// Bedrock streams this instance runs at once. An idle-waiting stream costs memory, not CPU, so the heap sets
    /// this (docs/capacity.md). Keep <c>Bedrock:MaxConnections</c> at least as large.
    /// </summary>
    /// <value>The default value is 1,280.</value>
    [Range(1, 100_000)]
    public int MaxConcurrentStreams { get; set; } = 1280;

    /// <summary>Requests that may wait for a free stream; beyond them a request is refused with <c>busy</c> at once.</summary>
    /// <value>The default value is 1,280.</value>
    [Range(0, 1_000_000)]
    public int MaxQueuedRequests { get; set; } = 1280;

    /// <summary>
    /// Longest wait in the queue for a stream; at most API Gateway's integration timeout. A request whose predicted
    /// wait (from the drain rate) is longer is refused at once.
    /// </summary>
    /// <value>The default value is 2 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The <c>retryAfterMs</c> a <c>busy</c> frame suggests while the drain rate is not known yet (too few answers finished).</summary>
    /// <value>The default value is 1 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan BusyRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Smoothed thread-pool scheduling lag over which new streams are refused: the process cannot keep up, every
    /// running stream's frames are already late, and a new answer would spend most of a shopper's 3 s before the
    /// model is even asked. A start-up burst's JIT and connection storm stays below it. Zero turns the check off.
    /// </summary>
    /// <value>The default value is 2 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxSchedulingLag { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Managed heap after the last collection, as a fraction of what the GC may use, over which new streams are
    /// refused: another stream would risk an out-of-memory for all of them. 1 turns the check off.
    /// </summary>
    /// <value>The default value is 0.9.</value>
    [Range(0.1, 1.0)]
    public double MaxHeapFraction { get; set; } = 0.9;
}
