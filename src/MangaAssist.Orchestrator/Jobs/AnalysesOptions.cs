using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Jobs;

/// <summary>Analysis jobs. Configuration section <c>Analyses</c>.</summary>
public sealed class AnalysesOptions
{
    public const string SectionName = "Analyses";

    /// <summary>
    /// Analyses one instance runs at once, apart from the chat streams' own limit, so a burst of long analyses
    /// never takes the model connections shoppers' chats need (field notes, scenario 2).
    /// </summary>
    /// <value>The default value is 2.</value>
    [Range(1, 256)]
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>A result up to this many UTF-8 bytes is returned inline; a larger one as a pre-signed download URL.</summary>
    /// <value>The default value is 64 KB (API Gateway allows 10 MB on REST, 128 KB per WebSocket message).</value>
    [Range(1, 6 * 1024 * 1024)]
    public int InlineResultMaxBytes { get; set; } = 64 * 1024;

    /// <summary>How long a result's download URL is valid from the poll that returned it.</summary>
    /// <value>The default value is 15 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan ResultUrlExpiry { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a running job renews its lease and reports progress (well under <c>SharedState:Work:VisibilityTimeout</c>).</summary>
    /// <value>The default value is 3 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How often an idle instance looks for jobs on its own: for stale ones (a lease that lapsed) and new ones whose
    /// announcement it missed. New jobs wake idle instances at once (pub/sub), so this only bounds a take-over's
    /// delay beyond <c>SharedState:Work:VisibilityTimeout</c>; a third of that timeout keeps idle instances quiet.
    /// </summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether idle workers also wake on other instances' submissions (pub/sub). Off by default: with it on, the
    /// end-to-end single-flight test (SharedStateTests, 100 identical questions on two instances) lost its
    /// coalescing, for a reason not yet found; a submission always wakes its own instance's worker.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool WakeOnAnnouncements { get; set; }

    /// <summary>Whether this instance runs jobs at all; false for an instance that only takes submissions and polls.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RunWorker { get; set; } = true;

    /// <summary>Runs a job gets (first run plus take-overs) before it fails, so a job that kills its instance can't kill the fleet.</summary>
    /// <value>The default value is 4.</value>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Seconds a poller is asked to wait (Retry-After) while a job is queued or running.</summary>
    /// <value>The default value is 1.</value>
    [Range(1, 3600)]
    public int PollAfterSeconds { get; set; } = 1;
}
