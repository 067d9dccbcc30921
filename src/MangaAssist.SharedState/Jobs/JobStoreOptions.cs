using System.ComponentModel.DataAnnotations;

namespace MangaAssist.SharedState.Jobs;

/// <summary>Section <c>SharedState:Jobs</c>.</summary>
public sealed class JobStoreOptions
{
    /// <summary>How long a job record (and its idempotency key) is kept after it was created.</summary>
    /// <value>The default value is 24 hours.</value>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Job records kept in memory when no Redis is configured.</summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, 10_000_000)]
    public int MaxLocalJobs { get; set; } = 10_000;
}
