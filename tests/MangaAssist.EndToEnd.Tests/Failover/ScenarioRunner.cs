using System.Diagnostics;
using MangaAssist.EndToEnd.Tests.Support;
using Transcript = MangaAssist.Emulators.Bedrock.Diagnostics.Transcript;

namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>Runs one scenario through the real WebSocket path: a shopper of its own asks once, and the answer is judged.</summary>
public static class ScenarioRunner
{
    /// <summary>Longer than any bound and any timeout of the default configuration: past this the answer hangs.</summary>
    public static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(90);

    /// <param name="tag">Text unique to this scenario's message, by which its model calls are found in the emulator.</param>
    public static async Task<ScenarioOutcome> RunAsync(EdgeStack stack, string scenario, string message, string tag, TimeSpan? bound = null)
    {
        await using var socket = await stack.ConnectAsync($"shopper-{tag}");
        return await AskAsync(stack, scenario, socket, message, tag, bound);
    }

    /// <summary>Asks on a socket already open (a burst connects every shopper first), then judges the answer.</summary>
    public static async Task<ScenarioOutcome> AskAsync(EdgeStack stack, string scenario, ChatSocket socket, string message, string tag, TimeSpan? bound = null)
    {
        var requestId = "r-" + tag;
        var earlier = (await stack.TranscriptsAsync(tag)).Select(c => c.Sequence).DefaultIfEmpty(-1).Max();
        var clock = Stopwatch.StartNew();
        await socket.AskAsync(requestId, message);
        Answer answer;
        try
        {
            answer = await socket.ReadAnswerAsync(requestId, HangAfter);
        }
        catch (TimeoutException hang)
        {
            return new(scenario, ScenarioVerdict.Fail, clock.Elapsed, "hang: " + hang.Message);
        }

        var elapsed = clock.Elapsed;
        var calls = await CallsAsync(stack, tag, earlier, answer.Terminal.Type == "done");
        var outcome = ScenarioJudge.Judge(scenario, answer, calls, elapsed, bound);

        // Nothing may follow the terminal frame (the oracle only saw frames up to it).
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        return socket.PendingFrames(requestId) > 0
            ? outcome with { Verdict = ScenarioVerdict.Fail, Detail = "frames after the terminal frame; " + outcome.Detail }
            : outcome;
    }

    /// <summary>
    /// The model calls of <paramref name="tag"/> after call <paramref name="earlier"/>. The emulator records a call when its stream ends, a moment after
    /// the shopper's terminal frame (a cancelled hedge later still), so this waits for a completed call after a done.
    /// </summary>
    public static async Task<IReadOnlyList<Transcript>> CallsAsync(EdgeStack stack, string tag, long earlier, bool expectCompleted)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var calls = (await stack.TranscriptsAsync(tag)).Where(c => c.Sequence > earlier).ToList();
            var settled = expectCompleted ? calls.Any(c => c.Outcome == "completed") : deadline.Elapsed > TimeSpan.FromMilliseconds(500);
            if (settled || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                return calls;
            }

            await Task.Delay(50);
        }
    }
}
