using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Options;

/// <summary>Back-pressure: how many answers stream at once. Configuration section <c>Capacity</c>.</summary>
public sealed class CapacityOptions
{
    public const string SectionName = "Capacity";

    /// <summary>Bedrock streams this instance runs at once. Keep <c>Bedrock:MaxConnections</c> at least as large.</summary>
    /// <value>The default value is 256.</value>
    [Range(1, 100_000)]
    public int MaxConcurrentStreams { get; set; } = 256;

    /// <summary>Requests that may wait for a free stream; beyond them a request is refused with <c>busy</c> at once.</summary>
    /// <value>The default value is 512.</value>
    [Range(0, 1_000_000)]
    public int MaxQueuedRequests { get; set; } = 512;

    /// <summary>Longest wait in the queue before the request is refused with <c>busy</c>; at most API Gateway's integration timeout.</summary>
    /// <value>The default value is 3 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The <c>retryAfterMs</c> a <c>busy</c> frame suggests.</summary>
    /// <value>The default value is 1 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan BusyRetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
