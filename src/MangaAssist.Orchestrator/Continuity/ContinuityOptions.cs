using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Continuity;

/// <summary>
/// Answers that outlive their task. Configuration section <c>Continuity</c>. Needs Redis (<c>Redis:Configuration</c>)
/// and the frame log (<c>Resume:Enabled</c>): without them no other task could see the answer, so none is leased.
/// </summary>
public sealed class ContinuityOptions
{
    public const string SectionName = "Continuity";

    /// <summary>The work queue chat answers are leased on.</summary>
    public const string Queue = "answers";

    /// <summary>Lease every chat answer so another task finishes it when this one dies or drains.</summary>
    /// <value>The default value is true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A lease not renewed for this long is orphaned and another task takes the answer over: the shopper's pause
    /// after a crash. Short, but three heartbeats long, so a stop-the-world GC pause or a slow Redis reply (both well
    /// under a second on a 2-vCPU task) never makes two tasks write one answer.
    /// </summary>
    /// <value>The default value is 4 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.300", "00:01:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How often an idle task looks for orphaned answers (a hand-over wakes it at once). Each pass is one command, so
    /// this is an idle task's Redis load (1/s); an orphan waits the visibility timeout anyway, this adds at most itself.
    /// </summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.020", "00:00:30")]
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>On SIGTERM, how long answers in progress may still finish here before they are handed over.</summary>
    /// <value>The default value is 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan HandOverGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Orphaned answers one task continues at once, apart from the streams it admits itself.</summary>
    /// <value>The default value is 64.</value>
    [Range(1, 4096)]
    public int MaxConcurrentTakeovers { get; set; } = 64;

    /// <summary>A held lease is renewed this often, the first time only once the answer lived this long.</summary>
    public TimeSpan HeartbeatInterval => VisibilityTimeout / 3;

    /// <summary>A peer that made a claim pass this recently is alive and can take a handed-over answer.</summary>
    public TimeSpan PeerWindow => ClaimInterval * 4;
}
