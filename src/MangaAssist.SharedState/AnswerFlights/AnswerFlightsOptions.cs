using System.ComponentModel.DataAnnotations;

namespace MangaAssist.SharedState.AnswerFlights;

/// <summary>Section <c>SharedState:AnswerFlights</c>.</summary>
public sealed class AnswerFlightsOptions
{
    /// <summary>The leader's lease; renewed every third of it. A leader silent for this long is presumed dead.</summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a completed flight is still joined (and replayed) rather than led anew.</summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CompletedLinger { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A flight's events are kept this long after its last event.</summary>
    /// <value>The default value is 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan EventsTtl { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most events kept per flight (Redis stream MAXLEN); a follower that joins after a trim gets <c>flight_truncated</c>.</summary>
    /// <value>The default value is 20,000.</value>
    [Range(16, 1_000_000)]
    public int MaxEvents { get; set; } = 20_000;

    /// <summary>A follower re-reads Redis at least this often even without a notification (pub/sub may drop one), and checks the leader's lease.</summary>
    /// <value>The default value is 500 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
