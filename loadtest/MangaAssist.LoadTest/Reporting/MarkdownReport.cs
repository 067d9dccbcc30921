using System.Globalization;
using System.Text;

namespace MangaAssist.LoadTest.Reporting;

/// <summary>The human-readable report: settings, targets, latency table, text plots, errors, processes.</summary>
internal static class MarkdownReport
{
    public static string Render(LoadReport report)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

        Line($"# Load test `{report.Profile}` — {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC");
        Line();
        Line($"{report.Description}.");
        Line();
        var s = report.Settings;
        Line("| setting | value |");
        Line("| --- | --- |");
        Line($"| users (WebSocket connections) | {s.Users} |");
        Line($"| rate | {(s.MessagesPerSecond > 0 ? $"{F(s.MessagesPerSecond)} messages/s" : "closed loop: next question as soon as the answer ends")}{(s.ThinkTimeMs > 0 ? $", think time {F(s.ThinkTimeMs, "0")} ms" : "")} |");
        Line($"| duration | {F(s.WarmupSeconds, "0")} s warm-up, then {F(s.DurationSeconds, "0")} s measured{(s.MaxMessages is { } max ? $", at most {max} messages" : "")} (ran {F(report.SendingSeconds)} s, {F(report.TotalSeconds)} s with the drain) |");
        Line($"| action | `{s.Action}`{(s.AnswerTokens is { } tokens ? $", {tokens} tokens per answer" : ", emulator's default answer length (80 tokens)")} |");
        Line($"| model pacing | time to first token {s.EmulatorTimeToFirstTokenMs} ms, {s.EmulatorTokensPerSecond} tokens/s |");
        Line($"| flush interval | {F(s.FlushIntervalMs, "0")} ms |");
        Line($"| stack | {report.Stack} |");
        if (s.StackArgs.Count > 0)
        {
            Line($"| stack arguments | `{string.Join(" ", s.StackArgs)}` |");
        }

        Line($"| machine | {report.Machine.ProcessorCount} cores, {report.Machine.Os}, {report.Machine.Runtime} |");
        Line();
        Line($"> {report.Machine.Note}");
        Line();

        Line("## Targets");
        Line();
        Line("| target | wanted | measured | met |");
        Line("| --- | --- | --- | --- |");
        foreach (var target in report.Targets)
        {
            Line($"| {target.Name} | {target.Target} | {target.Measured} | {target.Met switch { true => "yes", false => "**no**", null => "—" }} |");
        }

        Line();
        Line("## Throughput and outcomes");
        Line();
        var c = report.Counts;
        Line("| | |");
        Line("| --- | --- |");
        Line($"| warm-up (before the measured window) | {c.WarmupSent} sent, {c.WarmupAnswers} answers ended, {c.WarmupViolations} violations |");
        Line($"| messages sent | {c.Sent} ({F(report.MessagesSentPerSecond)}/s) |");
        Line($"| answers ended | {c.Done + c.Errors} ({F(report.AnswersPerSecond)}/s): {c.Done} done, {c.Errors} error |");
        Line($"| without a terminal frame (violation) | {c.Abandoned} |");
        Line($"| still streaming when the run ended (not judged) | {c.Unfinished} |");
        Line($"| not sent (connection gone) | {c.NotSent} |");
        if (c.GatewayFailures > 0)
        {
            Line($"| questions API Gateway failed itself (\"Internal server error\": the integration reached a dead task), then resumed and asked again as the client library does | {c.GatewayFailures} |");
        }

        if (c.SkippedTicks > 0)
        {
            Line($"| rate ticks skipped (every user busy) | {c.SkippedTicks} |");
        }

        Line($"| users connected | {c.UsersConnected} ({c.ConnectFailures} failed); peak answers in flight {c.PeakInFlight} |");
        Line($"| done texts checked against the model's transcripts | {report.TextCheck.Verified} ({report.TextCheck.Mode}); not found {report.TextCheck.Unverifiable}{(report.TextCheck.TranscriptsMissed > 0 ? $" ({report.TextCheck.TranscriptsMissed} transcripts overwritten in the emulator's ring before they were read)" : "")} |");
        Line($"| checked answers whose model prompt carried catalog passages | {report.TextCheck.Grounded}; without any: {report.TextCheck.Ungrounded} |");
        Line();

        if (report.Cache is { } cache)
        {
            RenderCache(md, cache);
        }

        if (report.Fleet is { } fleet)
        {
            FleetMarkdown.Render(md, fleet);
        }

        Line("## Latency (ms)");
        Line();
        Line("| measure | count | min | p50 | p95 | p99 | p99.9 | max | mean |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, label) in LatencyRows)
        {
            if (report.Latency.TryGetValue(name, out var l) && l.Count > 0)
            {
                Line($"| {label} | {l.Count} | {F(l.Min, "0.00")} | {F(l.P50, "0.00")} | {F(l.P95, "0.00")} | {F(l.P99, "0.00")} | {F(l.P999, "0.00")} | {F(l.Max, "0.00")} | {F(l.Mean, "0.00")} |");
            }
        }

        Line();
        var fr = report.Frames;
        Line("## Frames");
        Line();
        Line("| measure | count | min | p50 | p95 | p99 | max | mean |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Line($"| frames per answer (start + deltas + terminal) | {fr.FramesPerAnswer.Count} | {F(fr.FramesPerAnswer.Min, "0")} | {F(fr.FramesPerAnswer.P50, "0")} | {F(fr.FramesPerAnswer.P95, "0")} | {F(fr.FramesPerAnswer.P99, "0")} | {F(fr.FramesPerAnswer.Max, "0")} | {F(fr.FramesPerAnswer.Mean)} |");
        Line($"| average gap between deltas of an answer (ms) | {fr.DeltaGapMs.Count} | {F(fr.DeltaGapMs.Min, "0.0")} | {F(fr.DeltaGapMs.P50, "0.0")} | {F(fr.DeltaGapMs.P95, "0.0")} | {F(fr.DeltaGapMs.P99, "0.0")} | {F(fr.DeltaGapMs.Max, "0.0")} | {F(fr.DeltaGapMs.Mean)} |");
        Line();
        Line($"Delta frames per second of answer: median {F(fr.DeltaFramesPerSecondP50)}, highest {F(fr.DeltaFramesPerSecondMax)} (one per {F(fr.FlushIntervalMs, "0")} ms flush interval is {F(1000 / fr.FlushIntervalMs)}/s); answers over the budget: {fr.AnswersOverFrameBudget}.");
        Line();

        Line("## Errors and violations");
        Line();
        Line(report.ErrorsByCode.Count == 0 ? "No error frames." : "Error frames by code: " + string.Join(", ", report.ErrorsByCode.Select(e => $"`{e.Key}` {e.Value}")) + ".");
        Line();
        Line(report.ViolationTotal == 0 ? "**Protocol violations: 0.**" : "**Protocol violations: " + report.ViolationTotal + "** — " + string.Join(", ", report.Violations.Select(v => $"{v.Key} {v.Value}")) + ".");
        Line();
        foreach (var example in report.ViolationExamples)
        {
            Line($"* `{example}`");
        }

        if (report.ViolationExamples.Count > 0)
        {
            Line();
        }


        if (report.Processes.Count > 0)
        {
            Line("## Processes (CPU: percent of one core, sampled every second)");
            Line();
            Line("| process | pid | CPU avg | CPU in measured window | CPU max | RSS max (sampled) | VmHWM (peak) |");
            Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var p in report.Processes)
            {
                var window = p.WindowCpuPercent is { } percent ? $"{F(percent)} %" : "—";
                Line(p.Pid == 0
                    ? $"| machine (all processes) | — | {F(p.CpuAveragePercent)} % | {window} | {F(p.CpuMaxPercent)} % | — | — |"
                    : $"| {p.Name} | {p.Pid} | {F(p.CpuAveragePercent)} % | {window} | {F(p.CpuMaxPercent)} % | {F(p.RssMaxMb, "0")} MB | {F(p.PeakRssMb, "0")} MB |");
            }

            Line();
            if (report.ServiceCpuMsPerAnswer is { } perAnswer)
            {
                Line($"**Service CPU per answer: {F(perAnswer, "0.00")} ms** (its CPU from the measured window's start to the end of sending, divided by the {report.Counts.Done + report.Counts.Errors} answers of the window; \"CPU avg\" also holds the warm-up and the drain).");
                Line();
            }
        }

        Line("## Histograms");
        foreach (var (name, label) in LatencyRows)
        {
            if (report.Histograms.TryGetValue(name, out var rows) && rows.Count > 0)
            {
                Line();
                Line($"{label} (ms, count, cumulative):");
                Line();
                Line("```text");
                md.Append(HistogramPlot.Render(rows));
                Line("```");
            }
        }

        Line();
        Line("## Method");
        Line();
        foreach (var note in report.Notes)
        {
            Line($"* {note}");
        }

        return md.ToString();
    }

    private static readonly (string Name, string Label)[] LatencyRows =
    [
        ("timeToFirstToken", "time to first token (client)"),
        ("serviceAddedLatency", "service-added time to first token (− this request's own model time, from the emulator's transcript)"),
        ("serviceAddedUpperBound", "service-added upper bound (− the configured model time; charges the emulator's delays to the service)"),
        ("emulatorTimeToFirstToken", "Bedrock emulator's own time to first token (direct probe)"),
        ("timeToStart", "time to `start` frame"),
        ("cachedTimeToStart", "time to `start` frame, cached answers"),
        ("cachedTimeToFirstDelta", "time to first `delta`, cached answers"),
        ("duration", "answer duration (send → terminal frame)"),
    ];

    private static void RenderCache(StringBuilder md, CacheSummary cache)
    {
        void Line(string text = "") => md.Append(text).Append('\n');
        static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

        Line("## Cache path");
        Line();
        Line("| | |");
        Line("| --- | --- |");
        Line($"| answers in the measured window | {cache.CachedAnswers + cache.UncachedAnswers + cache.ErrorAnswers} ({F(cache.AnswersPerSecond, "0.0")}/s): **{cache.CachedAnswers} cached**, {cache.UncachedAnswers} uncached, {cache.ErrorAnswers} error |");
        Line($"| distinct questions | {cache.Questions} |");
        Line($"| cached texts compared with the first answer | {cache.CachedTextsCompared} (whole run), {cache.CachedTextsDiffering} differing, {cache.CachedTextsWithoutReference} without a reference |");
        if (cache.Redis is { } redis)
        {
            Line($"| **Redis commands per answer** | **{F(redis.CommandsPerAnswer)}** ({redis.Commands} commands / {redis.AnswersInWindow} answers; every command the service issues, see below) |");
            Line($"| Redis commands while idle | {F(redis.IdleCommandsPerSecond, "0.0")}/s{(redis.IdleCalls.Count > 0 ? " (" + string.Join(", ", redis.IdleCalls.Select(c => $"{c.Key} {c.Value}")) + ")" : "")} |");
        }
        else
        {
            Line("| Redis commands per answer | not measured (no redis-server of the tool's own: --target) |");
        }

        Line();
        Line("| cached answers (ms) | count | p50 | p95 | p99 | max |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: |");
        Line($"| send → `start` | {cache.TimeToStart.Count} | {F(cache.TimeToStart.P50)} | {F(cache.TimeToStart.P95)} | {F(cache.TimeToStart.P99)} | {F(cache.TimeToStart.Max)} |");
        Line($"| send → first `delta` | {cache.TimeToFirstDelta.Count} | {F(cache.TimeToFirstDelta.P50)} | {F(cache.TimeToFirstDelta.P95)} | {F(cache.TimeToFirstDelta.P99)} | {F(cache.TimeToFirstDelta.Max)} |");
        Line();
        if (cache.Redis is { PerAnswerByCommand.Count: > 0 } perCommand)
        {
            Line("Redis commands per answer by command (commands run inside Lua scripts are counted under their own names as well as the `evalsha`/`eval` that ran them):");
            Line();
            Line("| command | calls in the window | per answer |");
            Line("| --- | ---: | ---: |");
            foreach (var (command, calls) in perCommand.CallsByCommand)
            {
                Line($"| `{command}` | {calls} | {F(perCommand.PerAnswerByCommand.GetValueOrDefault(command), "0.000")} |");
            }

            Line();
        }
    }

    /// <summary>A few lines for the terminal.</summary>
    public static string Summary(LoadReport report)
    {
        var ttft = report.Latency["timeToFirstToken"];
        var added = report.Latency["serviceAddedLatency"];
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{report.Profile}: {report.Counts.Sent} sent, {report.Counts.Done} done, {report.Counts.Errors} errors, {report.ViolationTotal} protocol violations, {report.AnswersPerSecond:0.0} answers/s\n");
        text.Append(CultureInfo.InvariantCulture, $"  time to first token  p50 {ttft.P50:0.0}  p95 {ttft.P95:0.0}  p99 {ttft.P99:0.0}  max {ttft.Max:0.0} ms\n");
        if (added.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  service-added        p50 {added.P50:0.0}  p95 {added.P95:0.0}  p99 {added.P99:0.0}  max {added.Max:0.0} ms ({added.Count} answers)\n");
        }

        if (report.Latency.TryGetValue("serviceAddedUpperBound", out var bound) && bound.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  upper bound          p50 {bound.P50:0.0}  p95 {bound.P95:0.0}  p99 {bound.P99:0.0}  max {bound.Max:0.0} ms (− configured model time)\n");
        }

        if (report.Cache is { } cache)
        {
            text.Append(CultureInfo.InvariantCulture, $"  cache: {cache.CachedAnswers} cached, {cache.UncachedAnswers} uncached, {cache.ErrorAnswers} error answers in the window\n");
            text.Append(CultureInfo.InvariantCulture, $"  cached, send → start        p50 {cache.TimeToStart.P50:0.00}  p95 {cache.TimeToStart.P95:0.00}  p99 {cache.TimeToStart.P99:0.00} ms\n");
            text.Append(CultureInfo.InvariantCulture, $"  cached, send → first delta  p50 {cache.TimeToFirstDelta.P50:0.00}  p95 {cache.TimeToFirstDelta.P95:0.00}  p99 {cache.TimeToFirstDelta.P99:0.00} ms\n");
            if (cache.Redis is { } redis)
            {
                text.Append(CultureInfo.InvariantCulture, $"  Redis commands per answer {redis.CommandsPerAnswer:0.00} ({redis.Commands} / {redis.AnswersInWindow}; all of the service's commands)\n");
            }
            else
            {
                text.Append("  Redis commands per answer: not measured (--target)\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"  frames per answer p50 {report.Frames.FramesPerAnswer.P50:0}, max {report.Frames.FramesPerAnswer.Max:0}; answers over one frame per flush interval: {report.Frames.AnswersOverFrameBudget}\n");
        if (report.ErrorsByCode.Count > 0)
        {
            text.Append("  errors: ").Append(string.Join(", ", report.ErrorsByCode.Select(e => $"{e.Key} {e.Value}"))).Append('\n');
        }

        if (report.ServiceCpuMsPerAnswer is { } cpuPerAnswer)
        {
            text.Append(CultureInfo.InvariantCulture, $"  service CPU per answer (measured window) {cpuPerAnswer:0.00} ms\n");
        }

        foreach (var p in report.Processes)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {p.Name,-17} cpu avg {p.CpuAveragePercent:0}% max {p.CpuMaxPercent:0}%{(p.Pid == 0 ? " (all processes)" : $"  rss max {Math.Max(p.RssMaxMb, p.PeakRssMb):0} MB")}\n");
        }

        foreach (var target in report.Targets.Where(t => t.Met is not null))
        {
            text.Append(CultureInfo.InvariantCulture, $"  target {target.Name}: {target.Measured} (wanted {target.Target}) {(target.Met == true ? "MET" : "MISSED")}\n");
        }

        return text.ToString();
    }
}
