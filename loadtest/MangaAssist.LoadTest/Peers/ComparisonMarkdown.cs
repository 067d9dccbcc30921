using System.Globalization;
using System.Text;

namespace MangaAssist.LoadTest.Peers;

/// <summary>The peer comparison as Markdown: one table with both gateways at each concurrency, then a verdict per concurrency.</summary>
internal static class ComparisonMarkdown
{
    private static string Pacing(ComparisonSettings s) => s.ThinkTimeSeconds > 0
        ? $"closed loop with shoppers' pacing: each stream asks again after a pause of {F(s.ThinkTimeSeconds, "0.#")} s on average (exponential, the same draws for both gateways)"
        : "closed loop: each stream asks again the moment its answer ends";

    public static string Render(ComparisonReport report)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        var s = report.Settings;
        Line($"# Peer comparison `{report.Profile}` — {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC");
        Line();
        Line($"MangaAssist and the Portkey AI gateway {report.PortkeyVersion} streaming the same questions from the same Bedrock emulator " +
             $"(time to first token {s.EmulatorTimeToFirstTokenMs} ms, {s.EmulatorTokensPerSecond} tokens/s, " +
             $"{(s.AnswerTokens is { } tokens ? $"{tokens}" : "80")} tokens per answer), {Pacing(s)}. " +
             $"{F(s.WarmupSeconds, "0")} s warm-up, {F(s.DurationSeconds, "0")} s measured per step; text checks: {s.VerifyText}.");
        Line();
        Line($"Stack: {report.Stack}.{(s.StackArgs.Count > 0 ? $" Stack arguments: `{string.Join(" ", s.StackArgs)}`." : " Shipped defaults (no stack arguments).")}");
        Line();
        Line($"Machine: {report.Machine.ProcessorCount} cores, {report.Machine.Os}, {report.Machine.Runtime}. {report.Machine.Note}");
        Line();
        Line("## Side by side");
        Line();
        Line("| streams | gateway | answers/s | done / error / no end | violations | texts checked | TTFT p50 / p99 | **added p50 / p95 / p99** | upper bound p99 | model alone p50 / p99 | **gateway CPU per answer** | gateway CPU | API Gateway emulator CPU per answer | machine CPU |");
        Line("| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in report.Phases)
        {
            var own = p.Cpu.GetValueOrDefault(ComparisonReportBuilder.GatewayProcess(p));
            var edge = p.Gateway.StartsWith("Portkey", StringComparison.Ordinal) ? null : p.Cpu.GetValueOrDefault("gateway-emulator");
            var machine = p.Cpu.GetValueOrDefault("machine");
            Line($"| {p.Streams} | {p.Gateway} | {F(p.AnswersPerSecond)} | {p.Done} / {p.Errors} / {p.Abandoned} | {p.Violations} | {p.TextVerified} | " +
                 $"{F(p.TimeToFirstToken.P50)} / {F(p.TimeToFirstToken.P99)} ms | **{F(p.Added.P50)} / {F(p.Added.P95)} / {F(p.Added.P99)} ms** | " +
                 $"{F(p.AddedUpperBound.P99)} ms | {(p.ModelAlone is { Count: > 0 } m ? $"{F(m.P50)} / {F(m.P99)} ms" : "—")} | " +
                 $"**{(own is null ? "—" : $"{F(own.MsPerAnswer, "0.00")} ms")}** | {(own is null ? "—" : $"{F(own.PercentOfOneCore, "0")} %")} | " +
                 $"{(edge is null ? "—" : $"{F(edge.MsPerAnswer, "0.00")} ms")} | {(machine is null ? "—" : $"{F(machine.PercentOfOneCore, "0")} %")} |");
        }

        Line();
        Line("## Verdict per concurrency (added time to first token, gateway CPU per answer)");
        Line();
        foreach (var (streams, mine, theirs) in Pairs(report))
        {
            Line($"* **{streams} streams**: added p50 {F(mine.Added.P50)} vs {F(theirs.Added.P50)} ms ({Compare(mine.Added.P50, theirs.Added.P50)}), " +
                 $"p99 {F(mine.Added.P99)} vs {F(theirs.Added.P99)} ms ({Compare(mine.Added.P99, theirs.Added.P99)}); CPU per answer " +
                 $"{F(mine.Cpu.GetValueOrDefault("service")?.MsPerAnswer ?? 0, "0.00")} vs {F(theirs.Cpu.GetValueOrDefault("portkey")?.MsPerAnswer ?? 0, "0.00")} ms; " +
                 $"MangaAssist errors {mine.Errors + mine.Abandoned}{Codes(mine)}, violations {mine.Violations}; Portkey errors {theirs.Errors + theirs.Abandoned}{Codes(theirs)}.");
        }

        Line();
        Line("## Notes");
        Line();
        foreach (var note in report.Notes)
        {
            Line($"* {note}");
        }

        var examples = report.Phases.SelectMany(p => p.ViolationExamples.Select(e => $"{p.Gateway} at {p.Streams}: {e}")).Take(20).ToList();
        if (examples.Count > 0)
        {
            Line();
            Line("## First violations");
            Line();
            foreach (var example in examples)
            {
                Line($"* {example}");
            }
        }

        return md.ToString();
    }

    /// <summary>A few lines for the console after the run.</summary>
    public static string Summary(ComparisonReport report)
    {
        var md = new StringBuilder();
        foreach (var p in report.Phases)
        {
            var own = p.Cpu.GetValueOrDefault(ComparisonReportBuilder.GatewayProcess(p));
            md.Append(CultureInfo.InvariantCulture,
                $"{p.Streams,5} streams  {p.Gateway,-16} added p50 {F(p.Added.P50),7} p99 {F(p.Added.P99),7} ms  cpu/answer {F(own?.MsPerAnswer ?? 0, "0.00"),6} ms  " +
                $"{F(p.AnswersPerSecond),6}/s  errors {p.Errors + p.Abandoned}  violations {p.Violations}\n");
        }

        return md.ToString();
    }

    internal static IEnumerable<(int Streams, PeerPhase Mine, PeerPhase Theirs)> Pairs(ComparisonReport report) =>
        report.Phases.GroupBy(p => p.Streams)
            .Select(g => (g.Key, g.FirstOrDefault(p => !p.Gateway.StartsWith("Portkey", StringComparison.Ordinal)), g.FirstOrDefault(p => p.Gateway.StartsWith("Portkey", StringComparison.Ordinal))))
            .Where(t => t.Item2 is not null && t.Item3 is not null)
            .Select(t => (t.Key, t.Item2!, t.Item3!));

    private static string Compare(double mine, double theirs) => mine <= theirs ? "MangaAssist ≤ Portkey" : "**MangaAssist behind**";

    private static string Codes(PeerPhase phase) =>
        phase.ErrorsByCode.Count == 0 ? "" : $" ({string.Join(", ", phase.ErrorsByCode.Select(e => $"{e.Key} {e.Value}"))})";

    private static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
