using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.SharedState.Tests.Support;
using Shouldly;
using Xunit.Abstractions;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>
/// What one answer costs a real redis-server, counted with MONITOR: the commands the service sends (each a round
/// trip unless pipelined; the commands its scripts run are not counted). A regression above the budget fails here.
/// </summary>
public sealed class RedisRoundTripTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>
    /// One script per phase, for an answer whose frames are logged behind its posts (not leased): admit (rate limits,
    /// the session's turns, and the start frame when a stream is free), the cache lookup, and the terminal write (the
    /// other frames and the remembered turn). Was 11 with a call per capability, then 7, then 4 (start written alone).
    /// </summary>
    public const int CachedAnswerBudget = 3;

    /// <summary>
    /// A short (12-token) model answer, not leased: as a cached one, the lookup also claiming the flight, and the
    /// terminal write also carrying the flight's text and end, the cache write, the charges and the fleet's spend. Was
    /// about 17, then 4. A long answer adds one write per <c>SharedState:FrameLog:BatchInterval</c> while it streams.
    /// </summary>
    public const int ModelAnswerBudget = 3;

    /// <summary>
    /// The shipped defaults (leased: every frame reaches the log before the client): admit (with the lease's take and
    /// the start frame), lookup, and one write for the cached text, <c>done</c> and the settlement with the lease's
    /// completion, posted after it. Was 5.
    /// </summary>
    public const int LeasedCachedAnswerBudget = 3;

    /// <summary>
    /// A leased short (12-token) model answer: admit, lookup, the first delta's write (its post waits for it, as the
    /// time to first token does), and one write for the last delta, <c>done</c> and the settlement. Was 6. A longer answer
    /// adds one write per delta posted between (one per <c>Streaming:FlushInterval</c>), which
    /// <see cref="LeasedLongAnswer_WritesTheFrameLogAtMostOncePerFrame"/> bounds.
    /// </summary>
    public const int LeasedModelAnswerBudget = 4;

    private const int Answers = 4;

    /// <summary>
    /// The budgets count phases, so the short answer must split the same way every time: the stand-in writes it at once
    /// (no trickle for a paced read to cut into three deltas instead of two, each delta one more write when leased).
    /// <see cref="LeasedLongAnswer_WritesTheFrameLogAtMostOncePerFrame"/> bounds a trickled answer per frame.
    /// </summary>
    private const string ShortAnswer = "[[tokens:12]] [[tps:0]]";

    private const string LongAnswer = "[[tokens:48]] [[tps:400]]";

    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task UnleasedAnswer_SendsRedisAtMostThreeCommands()
    {
        var (model, cached) = await MeasureAsync(ShortAnswer, "--Continuity:Enabled=false");

        PerAnswer(model.Commands).ShouldBeLessThanOrEqualTo(ModelAnswerBudget, string.Join(' ', model.Commands));
        PerAnswer(cached.Commands).ShouldBeLessThanOrEqualTo(CachedAnswerBudget, string.Join(' ', cached.Commands));
    }

    /// <summary>The shipped defaults lease every answer so another task can finish it; the take and the completion ride in the phases' scripts.</summary>
    [Fact]
    public async Task LeasedAnswer_SendsRedisAtMostFourCommands()
    {
        var (model, cached) = await MeasureAsync(ShortAnswer);

        PerAnswer(model.Commands).ShouldBeLessThanOrEqualTo(LeasedModelAnswerBudget, string.Join(' ', model.Commands));
        PerAnswer(cached.Commands).ShouldBeLessThanOrEqualTo(LeasedCachedAnswerBudget, string.Join(' ', cached.Commands));
    }

    /// <summary>
    /// A 48-token answer with the shipped defaults (paced reads): how its text splits into deltas depends on when the paced reads
    /// land, but whatever the split, the frame log costs at most one write per frame after <c>start</c> (a late
    /// <c>done</c> is written alone; one that arrives with the last text shares its write), on top of admit and lookup.
    /// </summary>
    [Fact]
    public async Task LeasedLongAnswer_WritesTheFrameLogAtMostOncePerFrame()
    {
        var (model, _) = await MeasureAsync(LongAnswer);

        var framesAfterStart = model.Answers.Sum(a => a.Frames.Count - 1);
        model.Answers.ShouldAllBe(a => a.DeltaCount >= 2, "the answer streamed in more than one delta");
        model.Commands.Count.ShouldBeLessThanOrEqualTo(2 * Answers + framesAfterStart, string.Join(' ', model.Commands));
    }

    private static double PerAnswer(IReadOnlyList<string> commands) => (double)commands.Count / Answers;

    private async Task<((List<Answer> Answers, IReadOnlyList<string> Commands) Model, (List<Answer> Answers, IReadOnlyList<string> Commands) Cached)> MeasureAsync(
        string markers, params string[] settings)
    {
        await using var stack = await EdgeStack.StartAsync(service: [$"--Redis:Configuration={_redis.Configuration}", $"--Redis:KeyPrefix=rt-{Guid.NewGuid():N}:", .. settings]);
        await using var socket = await stack.ConnectAsync();
        // Every script is loaded once, and the connection's set-up is done, before counting.
        await AskAsync(socket, "warm-1", "s-warm-1", "Which shōnen series are complete? tag-warm");
        await AskAsync(socket, "warm-2", "s-warm-2", "Which shōnen series are complete? tag-warm");

        var tag = Guid.NewGuid().ToString("N")[..8];
        var model = await CountAsync(async i => await AskAsync(socket, $"m-{i}", $"s-m-{i}", $"Recommend a sports manga, take {i} tag-{tag} {markers}"));
        var cached = await CountAsync(async i => await AskAsync(socket, $"c-{i}", $"s-c-{i}", $"Recommend a sports manga, take {i} tag-{tag} {markers}"));

        model.Answers.ShouldAllBe(a => a.Terminal.Json.GetProperty("cached").GetBoolean() == false);
        cached.Answers.ShouldAllBe(a => a.Terminal.Json.GetProperty("cached").GetBoolean());
        Report("model", model);
        Report("cached", cached);
        return (model, cached);
    }

    private async Task<(List<Answer> Answers, IReadOnlyList<string> Commands)> CountAsync(Func<int, Task<Answer>> ask)
    {
        var answers = new List<Answer>();
        await using var monitor = await RedisMonitor.StartAsync(_redis.Port);
        for (var i = 0; i < Answers; i++)
        {
            answers.Add(await ask(i));
        }

        // The terminal frame waits for the frame log; the last charges and the turn landed before it.
        await Task.Delay(200);
        // Keep-alives are the connection's, the work-queue polls the analysis workers' and the claim passes (a script
        // running XAUTOCLAIM) the orphan claimer's, not an answer's.
        return (answers, [.. monitor.ClientCommandsExceptScriptsRunning("XAUTOCLAIM").Where(c => c is not ("PING" or "ECHO" or "XAUTOCLAIM" or "XREADGROUP"))]);
    }

    private static async Task<Answer> AskAsync(ChatSocket socket, string requestId, string sessionId, string message)
    {
        await socket.SendAsync(new { action = "sendMessage", requestId, sessionId, message });
        return (await socket.ReadAnswerAsync(requestId)).ShouldKeepTheProtocolPromises();
    }

    private void Report(string kind, (List<Answer> Answers, IReadOnlyList<string> Commands) measured) =>
        output.WriteLine($"{kind}: {PerAnswer(measured.Commands):F2} commands per answer ({measured.Answers.Average(a => a.Frames.Count):F2} frames): "
            + string.Join(" ", measured.Answers.Select(a => a.DeltaCount)) + " deltas; " + string.Join(", ", measured.Commands.GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {(double)g.Count() / Answers:F2}")));
}
