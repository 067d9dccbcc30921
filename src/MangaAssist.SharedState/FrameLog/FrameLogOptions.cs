using System.ComponentModel.DataAnnotations;

namespace MangaAssist.SharedState.FrameLog;

/// <summary>Section <c>SharedState:FrameLog</c>.</summary>
public sealed class FrameLogOptions
{
    /// <summary>A log is kept this long after its last append.</summary>
    /// <value>The default value is 10 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most frames kept per log (Redis stream MAXLEN); a resume from before the oldest kept frame gets <c>Truncated</c>.</summary>
    /// <value>The default value is 10,000.</value>
    [Range(16, 1_000_000)]
    public int MaxFrames { get; set; } = 10_000;

    /// <summary>A reader whose log got no frame for this long, without a terminal frame, gives up (<c>WriterSilent</c>). Longer than any route's idle timeout.</summary>
    /// <value>The default value is 60 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan WriterSilenceTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A reader re-reads Redis at least this often even without a notification (pub/sub may drop one).</summary>
    /// <value>The default value is 500 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// With Redis, how long an answer's frames after its first wait to be written together (the first goes at once, so a
    /// resume finds the log; a terminal frame, or a client that is gone, flushes at once). One write per interval instead
    /// of one per frame: a short answer's frames all go with its last script. Resumers and flight followers see text
    /// this much later.
    /// </summary>
    /// <value>The default value is 500 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Logs kept in memory when no Redis is configured.</summary>
    /// <value>The default value is 2,000.</value>
    [Range(1, 10_000_000)]
    public int MaxLocalLogs { get; set; } = 2_000;
}
