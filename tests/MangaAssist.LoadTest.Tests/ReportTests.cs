using System.Text.Json;
using MangaAssist.LoadTest.Cli;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Reporting;
using MangaAssist.LoadTest.Stack;
using static MangaAssist.LoadTest.Tests.FrameSequence;

namespace MangaAssist.LoadTest.Tests;

public sealed class ReportTests
{
    [Fact]
    public void Build_CleanRun_MeetsTheTargetsAndSummarisesInMilliseconds()
    {
        var report = Build(Stats(serviceAddedMs: 4), serviceRssMb: 300);

        report.ViolationTotal.ShouldBe(0);
        report.Latency["timeToFirstToken"].P50.ShouldBe(304, tolerance: 1.5);
        report.Latency["serviceAddedLatency"].P99.ShouldBe(4, tolerance: 0.1);
        report.Counts.Done.ShouldBe(200);
        report.AnswersPerSecond.ShouldBe(20);
        report.Targets.Where(t => t.Met is not null).ShouldAllBe(t => t.Met == true);
        report.Targets.Select(t => t.Name).ShouldContain("service working set (VmHWM)");
    }

    [Fact]
    public void Build_SlowServiceAndViolations_MissTheirTargets()
    {
        var stats = Stats(serviceAddedMs: 35);
        stats.RecordViolation(ViolationKind.FrameAfterTerminal);

        var report = Build(stats, serviceRssMb: 600);

        report.ViolationTotal.ShouldBe(1);
        report.Violations["FrameAfterTerminal"].ShouldBe(1);
        report.Targets.Single(t => t.Name == "protocol violations").Met.ShouldBe(false);
        report.Targets.Single(t => t.Name.StartsWith("service-added", StringComparison.Ordinal)).Met.ShouldBe(false);
        report.Targets.Single(t => t.Name.StartsWith("service working set", StringComparison.Ordinal)).Met.ShouldBe(false);
    }

    [Fact]
    public void Build_ServiceCpuOfTheMeasuredWindow_IsDividedByTheWindowsAnswers()
    {
        var report = Build(Stats(serviceAddedMs: 4), serviceRssMb: 300, windowCpuSeconds: 0.6);

        report.ServiceCpuMsPerAnswer.ShouldBe(3.0);
        MarkdownReport.Render(report).ShouldContain("**Service CPU per answer: 3.00 ms**");
        MarkdownReport.Summary(report).ShouldContain("service CPU per answer (measured window) 3.00 ms");
    }

    [Fact]
    public void Build_WithoutAMeasuredWindow_ReportsNoCpuPerAnswer()
    {
        var report = Build(Stats(serviceAddedMs: 4), serviceRssMb: 300);

        report.ServiceCpuMsPerAnswer.ShouldBeNull();
        MarkdownReport.Render(report).ShouldNotContain("Service CPU per answer");
    }

    [Fact]
    public void Build_WarmupViolations_CountInTheTotal()
    {
        var warmup = new AnswerStats();
        warmup.RecordAnswer(Feed(Start(0), Delta(2, "x"), Done(3)), null, TimeSpan.FromMilliseconds(40));

        var report = Build(Stats(serviceAddedMs: 1), serviceRssMb: 100, warmup);

        report.ViolationTotal.ShouldBe(1);
        report.Counts.WarmupViolations.ShouldBe(1);
        report.Latency["timeToFirstToken"].Count.ShouldBe(200);
    }

    [Fact]
    public void Render_Markdown_HasTheTablesPlotsAndMethod()
    {
        var report = Build(Stats(serviceAddedMs: 4), serviceRssMb: 300);

        var markdown = MarkdownReport.Render(report);

        markdown.ShouldContain("# Load test `steady`");
        markdown.ShouldContain("| service-added time to first token, p99 | ≤ 20 ms | 4.0 ms over 200 answers | yes |");
        markdown.ShouldContain("| service | 4242 |");
        markdown.ShouldContain("```text");
        markdown.ShouldContain("█");
        markdown.ShouldContain("**Protocol violations: 0.**");
        markdown.ShouldContain("share these");
        MarkdownReport.Summary(report).ShouldContain("MET");
    }

    [Fact]
    public void Write_JsonAndMarkdown_AreNamedByTimeAndProfileAndRoundTrip()
    {
        var report = Build(Stats(serviceAddedMs: 4), serviceRssMb: 300);
        var directory = Path.Combine(Path.GetTempPath(), "lt-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (json, markdown) = ReportFiles.Write(report, directory);

            Path.GetFileName(json).ShouldBe("20261121-090000-steady.json");
            File.Exists(markdown).ShouldBeTrue();
            using var document = JsonDocument.Parse(File.ReadAllText(json));
            var root = document.RootElement;
            root.GetProperty("profile").GetString().ShouldBe("steady");
            root.GetProperty("latency").GetProperty("serviceAddedLatency").GetProperty("p99").GetDouble().ShouldBe(4, tolerance: 0.1);
            root.GetProperty("counts").GetProperty("done").GetInt64().ShouldBe(200);
            root.GetProperty("histograms").GetProperty("timeToFirstToken").GetArrayLength().ShouldBeGreaterThan(0);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void HistogramRows_CoverEverySampleAndEndAtOneHundredPercent()
    {
        var histogram = new LogLinearHistogram();
        for (var i = 1; i <= 1000; i++)
        {
            histogram.Record(i * 1000L);
        }

        var rows = HistogramPlot.Rows(histogram);

        rows.Sum(r => r.Count).ShouldBe(1000);
        rows[^1].CumulativePercent.ShouldBe(100);
        rows[0].LowMs.ShouldBe(1);
        rows[^1].HighMs.ShouldBe(1000);
        rows.Count.ShouldBeLessThanOrEqualTo(16);
        HistogramPlot.Render(rows).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(rows.Count);
    }

    [Fact]
    public void HistogramRows_Empty_RenderAsNoSamples() =>
        HistogramPlot.Render(HistogramPlot.Rows(new LogLinearHistogram())).ShouldBe("(no samples)\n");

    [Fact]
    public void Build_Cache_ReportsCachedLatenciesCountsAndRedisCommandsPerAnswer()
    {
        var stats = new AnswerStats();
        for (var n = 0; n < 40; n++)
        {
            var answer = new Protocol.AnswerTracker($"r-{n}", sentAt: 0);
            var cached = n < 30;
            Feed(answer, Start(0, answer.RequestId), Delta(1, "t", answer.RequestId), Done(2, answer.RequestId, cached));
            stats.RecordAnswer(answer, 300_000, TimeSpan.FromMilliseconds(40));
        }

        var window = new Redis.RedisCommandDelta(1800, new Dictionary<string, long> { ["evalsha"] = 360, ["get"] = 40, ["ping"] = 1 });
        var idle = new Redis.RedisCommandDelta(1, new Dictionary<string, long> { ["ping"] = 1 });
        var report = Build(stats, serviceRssMb: 200, profile: "cache",
            cache: new CacheFacts(20, TextsCompared: 30, TextsDiffering: 0, TextsWithoutReference: 0, window, idle, TimeSpan.FromSeconds(1)));

        var cache = report.Cache.ShouldNotBeNull();
        cache.CachedAnswers.ShouldBe(30);
        cache.UncachedAnswers.ShouldBe(10);
        cache.TimeToStart.Count.ShouldBe(30);
        cache.TimeToStart.P50.ShouldBe(1, tolerance: 0.1);
        cache.TimeToFirstDelta.P99.ShouldBe(2, tolerance: 0.1);
        cache.AnswersPerSecond.ShouldBe(4);
        var redis = cache.Redis.ShouldNotBeNull();
        redis.AnswersInWindow.ShouldBe(40);
        redis.CommandsPerAnswer.ShouldBe(45);
        redis.PerAnswerByCommand["evalsha"].ShouldBe(9);
        redis.PerAnswerByCommand.Keys.First().ShouldBe("evalsha");
        redis.IdleCommandsPerSecond.ShouldBe(1);
        report.Latency["cachedTimeToFirstDelta"].Count.ShouldBe(30);
        report.Latency["serviceAddedUpperBound"].Count.ShouldBe(10);

        var markdown = MarkdownReport.Render(report);
        markdown.ShouldContain("## Cache path");
        markdown.ShouldContain("| **Redis commands per answer** | **45.00** (1800 commands / 40 answers;");
        markdown.ShouldContain("| `evalsha` | 360 | 9.000 |");
        markdown.ShouldContain("not only the cache GET");
        MarkdownReport.Summary(report).ShouldContain("Redis commands per answer 45.00");
    }

    [Fact]
    public void Build_CacheAgainstATarget_SaysRedisWasNotMeasured()
    {
        var report = Build(new AnswerStats(), serviceRssMb: 200, profile: "cache",
            cache: new CacheFacts(20, 0, 0, 0, Window: null, Idle: null, TimeSpan.FromSeconds(1)));

        report.Cache!.Redis.ShouldBeNull();
        MarkdownReport.Render(report).ShouldContain("| Redis commands per answer | not measured");
        report.Notes.ShouldContain(n => n.Contains("not measured", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_EmulatorDelays_AreNotChargedToTheServiceWhenItsOwnTimeIsKnown()
    {
        var report = Build(Stats(serviceAddedMs: 4, emulatorDelayMs: 30), serviceRssMb: 300);

        report.Latency["serviceAddedLatency"].P99.ShouldBe(4, tolerance: 0.1);
        report.Latency["serviceAddedUpperBound"].P99.ShouldBe(34, tolerance: 0.2);
        report.Targets.Single(t => t.Name.StartsWith("service-added", StringComparison.Ordinal)).Met.ShouldBe(true);
    }

    [Fact]
    public void Build_WithoutTranscripts_JudgesTheUpperBoundAndSaysSo()
    {
        var report = Build(Stats(serviceAddedMs: 4, emulatorDelayMs: 30, transcripts: false), serviceRssMb: 300);

        report.Latency["serviceAddedLatency"].Count.ShouldBe(0);
        var target = report.Targets.Single(t => t.Name.StartsWith("service-added", StringComparison.Ordinal));
        target.Name.ShouldContain("upper bound");
        target.Met.ShouldBe(false);
    }

    /// <summary>
    /// 200 answers: start after 2 ms, first delta after 300 ms + the emulator's own delay + the service's share,
    /// 30 deltas 40 ms apart; with <paramref name="transcripts"/> the model's own time (300 ms + its delay) is
    /// recorded as the text verifier would.
    /// </summary>
    private static AnswerStats Stats(double serviceAddedMs, double emulatorDelayMs = 0, bool transcripts = true)
    {
        var stats = new AnswerStats();
        for (var n = 0; n < 200; n++)
        {
            stats.RecordSent();
            var answer = new Protocol.AnswerTracker($"r-{n}", sentAt: 0);
            var frames = new List<string> { Start(0, answer.RequestId) };
            frames.AddRange(Enumerable.Range(1, 30).Select(i => Delta(i, "t", answer.RequestId)));
            frames.Add(Done(31, answer.RequestId));
            var at = new List<double> { 2 };
            at.AddRange(Enumerable.Range(0, 30).Select(i => 300 + emulatorDelayMs + serviceAddedMs + (i * 40)));
            at.Add(at[^1] + 1);
            for (var i = 0; i < frames.Count; i++)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(frames[i]);
                ServiceFrame.TryParse(bytes, out var frame).ShouldBeTrue();
                answer.Observe(frame, bytes.Length, Ticks(at[i]));
            }

            stats.RecordAnswer(answer, 300_000, TimeSpan.FromMilliseconds(40));
            if (transcripts)
            {
                stats.RecordServiceAdded(AnswerStats.Micros(answer.FirstDeltaAt!.Value - answer.SentAt), (long)((300 + emulatorDelayMs) * 1000));
            }
        }

        return stats;
    }

    private static LoadReport Build(AnswerStats stats, double serviceRssMb, AnswerStats? warmup = null, string profile = "steady", CacheFacts? cache = null, double? windowCpuSeconds = null)
    {
        var (options, _) = ArgumentParser.Parse([profile]);
        var facts = new RunFacts(
            new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero),
            "three processes (test)",
            TimeSpan.FromSeconds(10),
            TimeSpan.FromSeconds(12),
            stats,
            warmup ?? new AnswerStats(),
            null,
            0,
            new Dictionary<string, ProcessUsage>
            {
                ["service"] = new("service", 4242) { CpuAveragePercent = 50, CpuMaxPercent = 80, RssMaxMb = serviceRssMb, PeakRssMb = serviceRssMb, WindowCpuSeconds = windowCpuSeconds, WindowCpuPercent = windowCpuSeconds * 10 },
            },
            0,
            0,
            0,
            0,
            60,
            20,
            0,
            null,
            null,
            cache);
        return new LoadReportBuilder(options!).Build(facts);
    }
}
