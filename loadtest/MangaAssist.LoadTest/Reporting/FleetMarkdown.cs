using System.Globalization;
using System.Text;

namespace MangaAssist.LoadTest.Reporting;

/// <summary>The fleet section of the Markdown report.</summary>
internal static class FleetMarkdown
{
    public static void Render(StringBuilder md, FleetSummary fleet)
    {
        void Line(string text = "") => md.Append(text).Append('\n');
        static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        Line($"## Fleet: {fleet.Services} service processes behind one gateway");
        Line();
        Line("| at (s since the load started) | what | process | detail |");
        Line("| ---: | --- | --- | --- |");
        foreach (var e in fleet.Events)
        {
            Line($"| {F(e.Seconds)} | {e.What} | {e.Service} | {e.Detail} |");
        }

        Line();
        if (fleet.Signals.Count == 0)
        {
            Line("No process was signalled (no `--kill-after`, no `--rolling-restart`).");
            Line();
            return;
        }

        Line("Answers in flight at each signal — sent before it, ended after it — on **any** task: the client cannot tell which task " +
             "served an answer, so those on the signalled task are a subset. \"Longest pause\" is each answer's longest wait for its next frame.");
        Line();
        Line("| signal | in flight | done | error | no terminal frame | violations | texts exact / differ / not found | longest pause p50 / max | survived |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |");
        foreach (var s in fleet.Signals)
        {
            var errors = s.ErrorsByCode.Count == 0 ? "" : $" ({string.Join(", ", s.ErrorsByCode.Select(e => $"`{e.Key}` {e.Value}"))})";
            Line($"| {s.What} {s.Service} at {F(s.Seconds)} s | {s.InFlight} | {s.Done} | {s.Errors}{errors} | {s.Abandoned} | {s.Violations} | " +
                 $"{s.TextVerified - s.TextMismatches} / {s.TextMismatches} / {s.TextUnverifiable} | {F(s.LongestPauseP50Ms)} / {F(s.LongestPauseMaxMs)} ms | {(s.Survived ? "yes" : "**no**")} |");
        }

        Line();
        foreach (var example in fleet.Signals.SelectMany(s => s.ViolationExamples.Select(e => $"{s.What} {s.Service}: {e}")).Take(20))
        {
            Line($"* `{example}`");
        }

        Line();
    }
}
