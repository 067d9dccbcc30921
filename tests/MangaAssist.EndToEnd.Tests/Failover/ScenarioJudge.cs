using MangaAssist.EndToEnd.Tests.Support;
using Shouldly;
using Transcript = MangaAssist.Emulators.Bedrock.Diagnostics.Transcript;

namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>
/// Grades one answer by the rules, against the emulator's own record of what each model call produced:
/// the shopper's text must be the whole answer of the call that finished (no gap, no repeat, no cut).
/// </summary>
public static class ScenarioJudge
{
    public static ScenarioOutcome Judge(string scenario, Answer answer, IReadOnlyList<Transcript> calls, TimeSpan elapsed, TimeSpan? bound)
    {
        try
        {
            answer.ShouldKeepTheProtocolPromises();
        }
        catch (ShouldAssertException broken)
        {
            return new(scenario, ScenarioVerdict.Fail, elapsed, "broken promise: " + broken.Message, answer, calls);
        }

        if (answer.Terminal.Type == "done")
        {
            var finished = calls.Where(c => c.Outcome == "completed").MaxBy(c => c.Sequence);
            if (finished is null)
            {
                return new(scenario, ScenarioVerdict.Fail, elapsed, "done, but no model call completed its answer (a truncated done)", answer, calls);
            }

            if (answer.Text != finished.Text)
            {
                return new(scenario, ScenarioVerdict.Fail, elapsed,
                    $"done, but the text ({answer.Text.Length} chars) is not the finished model's answer ({finished.Text.Length} chars): a gap, a repeat or a cut", answer, calls);
            }

            return bound is { } limit && elapsed > limit
                ? new(scenario, ScenarioVerdict.Partial, elapsed, $"whole text once, but after {elapsed.TotalSeconds:F1} s (bound {limit.TotalSeconds:F0} s)", answer, calls)
                : new(scenario, ScenarioVerdict.Pass, elapsed, $"whole text once from {finished.ModelId}", answer, calls);
        }

        // An error is clean when what came before it is a true beginning of some call's answer.
        var honest = answer.Text.Length == 0 || calls.Any(c => c.Text.StartsWith(answer.Text, StringComparison.Ordinal));
        return honest
            ? new(scenario, ScenarioVerdict.Safe, elapsed, $"error {answer.Terminal.Code} (retryable {answer.Terminal.Retryable}, partial {answer.Terminal.Partial})", answer, calls)
            : new(scenario, ScenarioVerdict.Fail, elapsed, $"error {answer.Terminal.Code} after text that begins no model's answer", answer, calls);
    }
}
