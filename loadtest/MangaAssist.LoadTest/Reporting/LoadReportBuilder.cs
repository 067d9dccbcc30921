using System.Globalization;
using System.Runtime.InteropServices;
using MangaAssist.LoadTest.Cli;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Stack;

namespace MangaAssist.LoadTest.Reporting;

/// <summary>Summarises a run's facts into a <see cref="LoadReport"/>, including the targets.</summary>
internal sealed class LoadReportBuilder(LoadOptions options)
{
    /// <summary>Issue 6's targets for one instance on a 2-core machine.</summary>
    public const double ServiceAddedP99TargetMs = 20;

    public const double WorkingSetTargetMb = 512;

    public LoadReport Build(RunFacts facts)
    {
        var stats = facts.Stats;
        var violations = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, count) in stats.Violations.Concat(facts.WarmupStats.Violations))
        {
            violations[kind.ToString()] = violations.GetValueOrDefault(kind.ToString()) + count;
        }
        var latency = new Dictionary<string, LatencySummary>
        {
            ["timeToFirstToken"] = Summarise(stats.TimeToFirstToken, 1000),
            ["serviceAddedLatency"] = Summarise(stats.ServiceAddedLatency, 1000),
            ["serviceAddedUpperBound"] = Summarise(stats.ServiceAddedUpperBound, 1000),
            ["timeToStart"] = Summarise(stats.TimeToStart, 1000),
            ["duration"] = Summarise(stats.Duration, 1000),
        };
        if (stats.CachedTimeToStart.Count > 0 || facts.Cache is not null)
        {
            latency["cachedTimeToStart"] = Summarise(stats.CachedTimeToStart, 1000);
            latency["cachedTimeToFirstDelta"] = Summarise(stats.CachedTimeToFirstDelta, 1000);
        }

        if (facts.ProbeTimeToFirstToken is { } probe)
        {
            latency["emulatorTimeToFirstToken"] = Summarise(probe, 1000);
        }

        var deltaGap = Summarise(stats.DeltaGap, 1000);
        var frames = new FrameSummary(
            options.FlushInterval.TotalMilliseconds,
            Summarise(stats.FramesPerAnswer, 1),
            deltaGap,
            deltaGap.P50 > 0 ? Math.Round(1000 / deltaGap.P50, 2) : 0,
            deltaGap.Min > 0 ? Math.Round(1000 / deltaGap.Min, 2) : 0,
            stats.AnswersOverFrameBudget);

        var sendingSeconds = Math.Max(0.001, facts.SendingTime.TotalSeconds);
        var processes = facts.Processes.Values.OrderBy(p => p.Name switch { "service" => 0, "machine" => 2, _ => 1 }).ThenBy(p => p.Name).ToList();
        var report = new LoadReport
        {
            Profile = options.Profile.Name,
            Description = options.Profile.Description,
            StartedAt = facts.StartedAt,
            Settings = new RunSettings(
                options.Users,
                options.MessagesPerSecond,
                options.Warmup.TotalSeconds,
                options.Duration.TotalSeconds,
                options.MaxMessages,
                options.Action,
                options.AnswerTokens,
                options.EmulatorTimeToFirstTokenMs,
                options.EmulatorTokensPerSecond,
                options.ThinkTime.TotalMilliseconds,
                options.FlushInterval.TotalMilliseconds,
                options.VerifyText.ToString(),
                options.Target?.ToString() ?? "(started)",
                options.StackArgs),
            Stack = facts.Stack,
            Machine = new MachineInfo(
                Environment.ProcessorCount,
                RuntimeInformation.OSDescription,
                RuntimeInformation.FrameworkDescription,
                $"The load tool, the service and both emulators share these {Environment.ProcessorCount} cores; CPU figures are percent of one core."),
            SendingSeconds = Math.Round(facts.SendingTime.TotalSeconds, 2),
            TotalSeconds = Math.Round(facts.TotalTime.TotalSeconds, 2),
            Counts = new RunCounts(
                stats.Sent,
                stats.Done,
                stats.Errors,
                stats.Abandoned,
                facts.Unfinished,
                facts.NotSent,
                facts.SkippedTicks,
                facts.ConnectFailures,
                facts.UsersConnected,
                facts.PeakInFlight,
                facts.WarmupStats.Sent,
                facts.WarmupStats.Done + facts.WarmupStats.Errors,
                facts.WarmupStats.ViolationCount,
                stats.GatewayFailures),
            AnswersPerSecond = Math.Round((stats.Done + stats.Errors) / sendingSeconds, 2),
            MessagesSentPerSecond = Math.Round(stats.Sent / sendingSeconds, 2),
            ServiceCpuMsPerAnswer = ServiceCpuPerAnswer(processes, stats.Done + stats.Errors),
            Latency = latency,
            Frames = frames,
            ErrorsByCode = new SortedDictionary<string, long>(stats.ErrorsByCode, StringComparer.Ordinal),
            Violations = new SortedDictionary<string, long>(violations, StringComparer.Ordinal),
            ViolationTotal = violations.Values.Sum(),
            ViolationExamples = [.. facts.WarmupStats.ViolationExamples, .. stats.ViolationExamples],
            TextCheck = new TextCheckSummary(
                options.VerifyText.ToString(),
                stats.TextVerified + facts.WarmupStats.TextVerified,
                stats.TextUnverifiable + facts.WarmupStats.TextUnverifiable,
                facts.TranscriptsMissed,
                stats.Grounded + facts.WarmupStats.Grounded,
                stats.Ungrounded + facts.WarmupStats.Ungrounded),
            Processes = processes,
            Targets = [],
            Histograms = new Dictionary<string, IReadOnlyList<HistogramRow>>
            {
                ["timeToFirstToken"] = HistogramPlot.Rows(stats.TimeToFirstToken),
                ["serviceAddedLatency"] = HistogramPlot.Rows(stats.ServiceAddedLatency),
                ["duration"] = HistogramPlot.Rows(stats.Duration),
            },
            Cache = facts.Cache is { } cache ? CacheSummaryOf(cache, stats, sendingSeconds) : null,
            Fleet = facts.Fleet is { } fleet ? FleetSummary.Of(fleet) : null,
            BedrockEmulatorStats = facts.BedrockStats,
            GatewayEmulatorStats = facts.GatewayStats,
            Notes = Notes(facts),
        };
        return report with { Targets = Targets(report) };
    }

    internal static CacheSummary CacheSummaryOf(CacheFacts cache, AnswerStats stats, double sendingSeconds)
    {
        RedisCommandSummary? redis = null;
        var answers = stats.Done + stats.Errors + stats.Abandoned;
        if (cache.Window is { } window)
        {
            double PerAnswer(long count) => answers > 0 ? Math.Round((double)count / answers, 3) : 0;
            var ordered = window.Calls.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
            redis = new RedisCommandSummary(
                answers,
                window.Total,
                PerAnswer(window.Total),
                ordered.ToDictionary(c => c.Key, c => c.Value),
                ordered.ToDictionary(c => c.Key, c => PerAnswer(c.Value)),
                cache.Idle is { } idle ? Math.Round(idle.Total / Math.Max(0.001, cache.IdleTime.TotalSeconds), 1) : 0,
                cache.Idle?.Calls ?? new Dictionary<string, long>());
        }

        return new CacheSummary(
            cache.Questions,
            stats.CachedDone,
            stats.Done - stats.CachedDone,
            stats.Errors,
            Math.Round((stats.Done + stats.Errors) / sendingSeconds, 2),
            Summarise(stats.CachedTimeToStart, 1000),
            Summarise(stats.CachedTimeToFirstDelta, 1000),
            cache.TextsCompared,
            cache.TextsDiffering,
            cache.TextsWithoutReference,
            redis);
    }

    internal static LatencySummary Summarise(LogLinearHistogram histogram, double divisor)
    {
        double At(double p) => Math.Round(histogram.ValueAtPercentile(p) / divisor, 3);
        return histogram.Count == 0
            ? new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0)
            : new LatencySummary(
                histogram.Count,
                Math.Round(histogram.Min / divisor, 3),
                At(50),
                At(95),
                At(99),
                At(99.9),
                Math.Round(histogram.Max / divisor, 3),
                Math.Round(histogram.Mean / divisor, 3));
    }

    internal static IReadOnlyList<TargetCheck> Targets(LoadReport report)
    {
        var targets = new List<TargetCheck>
        {
            new("protocol violations", "0", report.ViolationTotal.ToString(CultureInfo.InvariantCulture), report.ViolationTotal == 0),
        };

        if (report.Latency.TryGetValue("serviceAddedLatency", out var added) && added.Count > 0)
        {
            targets.Add(new("service-added time to first token, p99", $"≤ {ServiceAddedP99TargetMs} ms", $"{added.P99:0.0} ms over {added.Count} answers", added.P99 <= ServiceAddedP99TargetMs));
        }
        else if (report.Latency.TryGetValue("serviceAddedUpperBound", out var bound) && bound.Count > 0)
        {
            // Without transcripts (text checks off) only the upper bound is known; it is judged as it is.
            targets.Add(new("service-added time to first token, p99 (upper bound: text checks were off)", $"≤ {ServiceAddedP99TargetMs} ms", $"{bound.P99:0.0} ms", bound.P99 <= ServiceAddedP99TargetMs));
        }

        if (report.Processes.FirstOrDefault(p => p.Name is "service" or "local-edge") is { } service)
        {
            var peak = Math.Max(service.PeakRssMb, service.RssMaxMb);
            var label = service.Name == "service" ? "service working set (VmHWM)" : "LocalEdge working set (VmHWM; includes both emulators)";
            targets.Add(new(label, $"≤ {WorkingSetTargetMb} MB", $"{peak:0} MB", peak <= WorkingSetTargetMb));
        }

        if (report.Frames.DeltaGapMs.Count > 0)
        {
            targets.Add(new(
                "delta frames at most one per flush interval",
                $"0 answers over 1 per {report.Frames.FlushIntervalMs:0} ms",
                $"{report.Frames.AnswersOverFrameBudget} answers over; median {report.Frames.DeltaFramesPerSecondP50:0.0} frames/s",
                report.Frames.AnswersOverFrameBudget == 0));
        }

        if (report.Fleet is { } fleetSummary)
        {
            targets.Add(fleetSummary.Target());
        }

        targets.Add(new(
            "concurrent streaming conversations",
            "informational (capacity: 1,000)",
            $"{report.Counts.UsersConnected} connected, peak {report.Counts.PeakInFlight} answers in flight",
            null));
        return targets;
    }

    private static double? ServiceCpuPerAnswer(IEnumerable<ProcessUsage> processes, long answers) =>
        processes.FirstOrDefault(p => p.Name is "service" or "local-edge") is { WindowCpuSeconds: { } seconds } && answers > 0
            ? Math.Round(seconds * 1000 / answers, 2)
            : null;

        private List<string> Notes(RunFacts facts)
    {
        var notes = new List<string>
        {
            $"Shared machine: the load tool, the service and both emulators ran on the same {Environment.ProcessorCount} cores, so every latency includes CPU contention with the load generator itself.",
            options.Profile.Cache
                ? $"Warm-up: each of the {options.Questions} questions was asked once (the model's answers fill the cache), then {options.Warmup.TotalSeconds:0} s of the same closed loop ran; those answers are checked against the protocol (and counted in the violations) but not in the latency, throughput and frame figures."
                : $"Warm-up: {options.Warmup.TotalSeconds:0} s of the same load ran before the measured window; its answers are checked against the protocol (and counted in the violations and text checks) but not in the latency, throughput and frame figures.",
            "Time to first token is measured by the client: from just before the message is sent on the WebSocket to the arrival of the first delta frame.",
        };
        if (facts.Cache is { } cache)
        {
            notes.Add(
                $"Cache path: {options.Users} users each ask the {options.Questions} questions in turn, every question in a new session (the service answers only a session's first question from the cache), " +
                "each question with the same text for every user (a tag unique to the question in this run, not to the request). A user asks again as soon as its answer ends (closed loop). " +
                "Cached answers are the ones whose done frame says cached: true; their time to start and to the first delta are measured from just before the send.");
            notes.Add(
                "Text: the first uncached (model) answer to each question is checked against the Bedrock emulator's transcript and becomes the reference; the concatenated deltas of every cached answer must equal it exactly (a difference is a TextMismatch violation).");
            notes.Add(cache.Window is null
                ? "Redis commands per answer: not measured — the stack was not started by the tool (--target), so there was no redis-server of its own to read."
                : "Redis commands per answer = total_commands_processed (INFO stats) of the tool's own redis-server after the measured window minus before it (less the tool's own INFO commands), divided by the answers that ended in the window. " +
                  "Both readings are taken with nothing in flight, 0.5 s after the last answer, so every command of an answer falls on one side. It counts EVERY command the service issues for an answer — " +
                  "the three rate-limit scripts, session memory read and write, the cache read, the frame log's appends and their publishes — not only the cache GET, and Redis counts each command a Lua script runs as well as the EVAL/EVALSHA itself. " +
                  $"The idle rate (the service connected, nothing asked, {cache.IdleTime.TotalSeconds:0} s before the window) shows what is background.");
            notes.Add(string.Join(' ', options.StackArgs.Where(a => a.Contains("ConnectionMessages", StringComparison.Ordinal))) is { Length: > 0 } lifted
                ? $"Rate limits: the per-connection message limit was lifted ({lifted}) because a closed loop of cache hits asks far faster than 1 a second per connection; the limiter still runs on every message."
                : "Rate limits: the service's own limits applied.");
        }

        if (options.TargetIsEmulator && facts.Cache is null)
        {
            notes.Add(
                "Service-added latency = client time to first token − the model's own time to first token for the same request, which the Bedrock emulator records in its transcript " +
                "(from accepting the ConverseStream request to flushing its first token; found through the request's unique tag when its text is checked, so it covers the checked done answers). " +
                "It therefore still includes both gateway-emulator hops, the service's whole path (rate limit, session memory, retrieval with its embedding call to the emulator, the Bedrock request and the first frame's post), " +
                "connection set-up and the load tool's own receive; where an answer needed a second attempt, the failed attempt's time counts as added too. " +
                $"The upper bound row subtracts the configured [[ttft:{options.EmulatorTimeToFirstTokenMs}]] instead, so it also charges the emulator's own timer and scheduling delays on the shared CPU to the service; " +
                "the emulatorTimeToFirstToken row is a direct ConverseStream probe to the emulator during the run (no gateway, no service) that shows those delays.");
        }

        if (facts.Processes.ContainsKey("local-edge"))
        {
            notes.Add("CPU and memory are of the one LocalEdge process, which holds the service and both emulators.");
        }

        if (facts.Processes.TryGetValue("machine", out var machine))
        {
            var ours = facts.Processes.Values.Where(p => p.Name != "machine").Sum(p => p.CpuAveragePercent);
            notes.Add($"Machine CPU (all processes, /proc/stat) averaged {machine.CpuAveragePercent:0} % of one core out of {Environment.ProcessorCount * 100} %; " +
                      $"the processes above account for {ours:0} %, so about {Math.Max(0, machine.CpuAveragePercent - ours):0} % went to other work on the machine (other engineers' builds and tests share it). " +
                      "A large share there means the run's latencies are contaminated and it should be repeated on a quiet machine.");
        }

        if (!facts.Processes.Keys.Any(name => name is not ("load-tool" or "machine")))
        {
            notes.Add("The stack was not started by the tool, so its CPU and memory were not measured.");
        }

        notes.Add($"Frames: an answer breaks the one-frame-per-flush-interval budget when it has more than 2 + (last delta − first delta) / {options.FlushInterval.TotalMilliseconds:0} ms delta frames (one frame of arrival jitter tolerated).");
        return notes;
    }
}
