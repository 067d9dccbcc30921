using MangaAssist.EndToEnd.Tests.Support;

namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>
/// The scenarios the emulator's markers script on their own, on the default <c>sendMessage</c> route (Claude 3 Haiku,
/// then its US cross-region profile). <c>xK</c> faults strike the first call only; <c>@us.anthropic</c> scopes a
/// marker to the fallback (the primary's id is part of the fallback's, so only the fallback can be singled out).
/// </summary>
public static class MarkerScenarios
{
    public const string Question = "Which manga should I read after Frieren?";

    public static readonly TimeSpan StallBound = TimeSpan.FromSeconds(45);

    public static readonly TimeSpan SlowFirstTokenBound = TimeSpan.FromSeconds(15);

    public static IReadOnlyDictionary<string, Func<Task<ScenarioOutcome>>> All(EdgeStack stack) =>
        new Dictionary<string, Func<Task<ScenarioOutcome>>>
        {
            ["429"] = () => Run(stack, "429 without Retry-After", "[[fault:429:x1]]", "s01"),
            ["429-hint"] = () => Run(stack, "429 with Retry-After: 1", "[[fault:429:x1]] [[retry-after:1]]", "s02"),
            ["500"] = () => Run(stack, "500 once", "[[fault:500:x1]]", "s03"),
            ["reset-before-headers"] = () => Run(stack, "reset before headers", "[[fault:reset-before-headers:x1]]", "s05"),
            ["slow-first-token"] = () => Run(stack, "slow first token (20 s, primary only)", "[[ttft:20000]] [[ttft:5@us.anthropic]]", "s07", SlowFirstTokenBound),
            ["cut-40-of-60"] = () => Run(stack, "stream cut after 40 of 60 tokens", "[[tokens:60]] [[fault:reset:40:x1]]", "s08"),
            ["stall-20"] = () => Run(stack, "stall after 20 tokens (30 s)", "[[tokens:60]] [[fault:stall:20:x1]]", "s09", StallBound),
            ["malformed"] = () => Run(stack, "malformed event mid-stream", "[[tokens:60]] [[fault:malformed:30:x1]]", "s10"),
            ["no-end"] = () => Run(stack, "stream ends without its end marker", "[[tokens:60]] [[fault:no-end:30:x1]]", "s11"),
            ["context-trimmed"] = () => ContextTrimmedAsync(stack),
            ["context-too-long"] = () => Run(stack, "context length exceeded, nothing fits", "[[context-limit:10]]", "s12n"),
            ["content-filtered"] = () => Run(stack, "content-filter rejection", "[[tokens:60]] [[fault:content-filtered:10]]", "s13"),
            ["accounting"] = () => Run(stack, "fail-over accounting (cut after 40 of 60)", "[[tokens:60]] [[fault:reset:40:x1]]", "s16a"),
            ["accounting-twin"] = () => Run(stack, "fail-over accounting, clean twin", "[[tokens:60]]", "s16b"),
            ["hedge-twin"] = () => Run(stack, "fail-over accounting, clean twin of the slow first token", "[[ttft:5]]", "s16c"),
        };

    private static Task<ScenarioOutcome> Run(EdgeStack stack, string scenario, string markers, string tag, TimeSpan? bound = null) =>
        ScenarioRunner.RunAsync(stack, scenario, $"{Question} {markers} tag-{tag}", "tag-" + tag, bound);

    /// <summary>
    /// Context length exceeded where trimming can succeed. A probe asks the question first thing in a conversation
    /// and learns what that prompt costs (usage.inputTokens); then a shopper with two earlier turns (about 215
    /// tokens each) asks it with a limit 100 tokens above the probe's cost: refused, and under it once the history
    /// is dropped. (The margin covers passages that differ with the marker's digits.)
    /// </summary>
    private static async Task<ScenarioOutcome> ContextTrimmedAsync(EdgeStack stack)
    {
        const string scenario = "context length exceeded, trimming fits";
        // Six digits both times, so the marker costs the same.
        var probe = await ScenarioRunner.RunAsync(stack, "context probe", $"{Question} [[context-limit:900000]] tag-s12t", "tag-s12t");
        if (probe.Verdict != ScenarioVerdict.Pass)
        {
            return probe with { Scenario = scenario, Detail = "the probe failed: " + probe.Detail };
        }

        var cost = probe.Answer!.Terminal.Json.GetProperty("usage").GetProperty("inputTokens").GetInt32();
        var limit = cost + 100;
        await using var shopper = await stack.ConnectAsync("shopper-context-trimmed");
        var outcome = await ScenarioRunner.AskAsync(stack, scenario, shopper, await WithHistoryAsync(shopper, $"[[context-limit:{limit:D6}]]"), "tag-s12t");
        var used = outcome.Answer?.Terminal.Json.TryGetProperty("usage", out var usage) == true ? usage.GetProperty("inputTokens").GetInt32() : 0;
        return outcome with { Detail = $"{outcome.Detail}; without history the prompt costs {cost} tokens, limit {limit}, answered with {used} input tokens" };
    }

    /// <summary>
    /// Asks two earlier questions on <paramref name="socket"/> and returns the scenario's message.
    /// </summary>
    private static async Task<string> WithHistoryAsync(ChatSocket socket, string marker)
    {
        string[] earlier = ["What is Frieren about? [[tokens:200]]", "Is the anime faithful to the manga? [[tokens:200]]"];
        for (var i = 0; i < earlier.Length; i++)
        {
            await socket.AskAsync($"history-{i}", earlier[i]);
            await socket.ReadAnswerAsync($"history-{i}");
        }

        return $"{Question} {marker} tag-s12t";
    }
}
