using System.ComponentModel.DataAnnotations;
using MangaAssist.ServiceDefaults.ApiGateway;

namespace MangaAssist.Orchestrator.Options;

/// <summary>How model tokens become <c>delta</c> frames. Configuration section <c>Streaming</c>.</summary>
public sealed class StreamingOptions
{
    public const string SectionName = "Streaming";

    /// <summary>
    /// Longest time text waits before it is sent. The first text of an answer goes out at once;
    /// after that at most one frame per interval per request. 50 ms (20 updates a second) still reads
    /// as a smooth stream, and against 40 ms it is a fifth fewer <c>@connections</c> posts: API Gateway
    /// bills each one and counts it against the account's 10,000 requests/s, and at 1,000 conversations
    /// it cut the service-added p99 from 17–22 to 13–14 ms on this project's 2-core machine.
    /// </summary>
    /// <value>The default value is 50 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:01")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The <c>@connections</c> posts per second one task aims to stay under while it streams many answers: beyond
    /// <c>PostsPerSecond × FlushInterval</c> answers in flight the interval stretches (up to
    /// <see cref="MaxFlushInterval"/>), so a busy task sends fewer, larger deltas instead of spending its CPU on posts
    /// while new questions wait for their first token. API Gateway's default @connections quota is 10,000 requests/s
    /// per account and Region: 2,000 keeps five tasks at this pace inside it. 0 turns stretching off.
    /// </summary>
    /// <value>The default value is 2000 (the interval stays at 50 ms up to 100 answers in flight, 100 ms at 200).</value>
    [Range(0, 1_000_000)]
    public int PostsPerSecond { get; set; } = 2000;

    /// <summary>
    /// The longest the stretched interval gets, however many answers are in flight. A <see cref="FlushInterval"/> at or
    /// above it is never stretched.
    /// </summary>
    /// <value>The default value is 250 ms (four updates a second).</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:01")]
    public TimeSpan MaxFlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// After an answer's first text, the model stream reads its socket once per flush interval and each read's text is
    /// one frame, instead of waking per token (a model sends one small event per token): fewer wake-ups and passes
    /// through the HTTP stack per answer, the same frames. The answer's end reaches the shopper up to one interval
    /// later. Off: every event is read as it arrives and the coalescer's own timer paces the frames.
    /// The model's circuit counts a call healthy at its first text (<c>ModelCallHealth</c>), so a later end does not
    /// skew it toward the failures that come back at once.
    /// </summary>
    /// <value>The default value is true.</value>
    public bool PaceModelReads { get; set; } = true;

    /// <summary>Pending text (UTF-16 chars) that triggers a flush before the interval ends.</summary>
    /// <value>The default value is 2048.</value>
    [Range(1, 1_000_000)]
    public int FlushThresholdChars { get; set; } = 2048;

    /// <summary>Largest frame sent, in bytes of UTF-8. API Gateway's limit is 32 KB.</summary>
    /// <value>The default value is 32768.</value>
    [Range(512, ApiGatewayQuotas.FrameBytes)]
    public int MaxFrameBytes { get; set; } = ApiGatewayQuotas.FrameBytes;
}
