using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Options;

/// <summary>How frames are pushed through <c>@connections</c>. Configuration section <c>Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>
    /// Attempts per frame when <c>@connections</c> answers 429 or 5xx. Frames never overtake each
    /// other; a post that got no answer at all is not retried (it may have been delivered).
    /// </summary>
    /// <value>The default value is 4.</value>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Backoff before the second attempt; doubled for each further attempt, with full jitter.</summary>
    /// <value>The default value is 50 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);
}
