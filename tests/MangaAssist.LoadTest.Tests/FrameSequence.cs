using System.Text;
using MangaAssist.LoadTest.Protocol;

namespace MangaAssist.LoadTest.Tests;

/// <summary>Crafted service frames, fed to an <see cref="AnswerTracker"/> as the receive loop would.</summary>
internal static class FrameSequence
{
    public static string Start(long seq, string id = "r-1") => $$"""{"type":"start","requestId":"{{id}}","seq":{{seq}},"model":"anthropic.claude-3-haiku-20240307-v1:0"}""";

    public static string Delta(long seq, string text, string id = "r-1") => $$"""{"type":"delta","requestId":"{{id}}","seq":{{seq}},"text":"{{text}}"}""";

    public static string Done(long seq, string id = "r-1", bool cached = false) =>
        $$"""{"type":"done","requestId":"{{id}}","seq":{{seq}},"stopReason":"end_turn","usage":{"inputTokens":12,"outputTokens":3},"cached":{{(cached ? "true" : "false")}},"model":"m"}""";

    public static string Error(long seq, string code, string id = "r-1") =>
        $$"""{"type":"error","requestId":"{{id}}","seq":{{seq}},"code":"{{code}}","message":"m","retryable":true,"partial":false}""";

    /// <summary>Feeds the frames one millisecond apart (in Stopwatch ticks from 0) and returns the tracker.</summary>
    public static AnswerTracker Feed(params string[] frames)
    {
        var tracker = new AnswerTracker("r-1", sentAt: 0);
        Feed(tracker, frames);
        return tracker;
    }

    public static void Feed(AnswerTracker tracker, params string[] frames)
    {
        var at = tracker.Frames + 1;
        foreach (var json in frames)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            ServiceFrame.TryParse(bytes, out var frame).ShouldBeTrue(json);
            tracker.Observe(frame, bytes.Length, Ticks(at++));
        }
    }

    public static long Ticks(double milliseconds) => (long)(milliseconds * System.Diagnostics.Stopwatch.Frequency / 1000);
}
