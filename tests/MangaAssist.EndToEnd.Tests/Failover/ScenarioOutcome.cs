using MangaAssist.EndToEnd.Tests.Support;
using Transcript = MangaAssist.Emulators.Bedrock.Diagnostics.Transcript;

namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>What one scenario measured: its verdict, how long the shopper waited for the terminal frame, and why.</summary>
public sealed record ScenarioOutcome(
    string Scenario,
    ScenarioVerdict Verdict,
    TimeSpan Elapsed,
    string Detail,
    Answer? Answer = null,
    IReadOnlyList<Transcript>? Calls = null)
{
    /// <summary>The models the emulator served for this answer, in order (retries, hedges and continuations included).</summary>
    public string Models => Calls is null ? "" : string.Join(" → ", Calls.OrderBy(c => c.Sequence).Select(c => $"{c.ModelId}:{c.Outcome}{(c.Fault is null ? "" : "/" + c.Fault)}"));

    public override string ToString() =>
        $"{Scenario}: {Verdict} in {Elapsed.TotalSeconds:F1} s — {Detail} [{Models}]";
}
