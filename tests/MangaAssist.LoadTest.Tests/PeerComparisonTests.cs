using MangaAssist.LoadTest.Cli;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Peers;
using MangaAssist.LoadTest.Reporting;
using MangaAssist.LoadTest.Stack;

namespace MangaAssist.LoadTest.Tests;

public sealed class PeerComparisonTests
{
    [Fact]
    public void Cpu_IsTheWindowsTicksPerAnswerEndedAndPerSecond()
    {
        // 150 ticks = 1.5 s of CPU over a 10 s window with 300 answers ended in it.
        var window = new PhaseWindow(
            TimeSpan.FromSeconds(10),
            300,
            new Dictionary<string, ProcStat> { ["service"] = new(1_000, 0, 0), ["portkey"] = new(50, 0, 0) },
            new Dictionary<string, ProcStat> { ["service"] = new(1_150, 0, 0) });

        var cpu = window.Cpu();

        cpu["service"].MsPerAnswer.ShouldBe(5);
        cpu["service"].PercentOfOneCore.ShouldBe(15);
        cpu.ContainsKey("portkey").ShouldBeFalse(); // no second reading (process gone): no figure rather than a wrong one
    }

    [Fact]
    public void Cpu_WithoutAnswers_IsZeroPerAnswer()
    {
        var window = new PhaseWindow(TimeSpan.FromSeconds(5), 0,
            new Dictionary<string, ProcStat> { ["service"] = new(10, 0, 0) }, new Dictionary<string, ProcStat> { ["service"] = new(20, 0, 0) });

        window.Cpu()["service"].MsPerAnswer.ShouldBe(0);
    }

    [Fact]
    public void Render_PutsBothGatewaysSideBySideAndSaysWhoIsBehind()
    {
        var report = Report(Phase("MangaAssist", 200, addedP50Ms: 10, addedP99Ms: 132, cpuMs: 6.3), Phase("Portkey 1.15.2", 200, addedP50Ms: 8.7, addedP99Ms: 304, cpuMs: 11.1));

        var markdown = ComparisonMarkdown.Render(report);

        markdown.ShouldContain("| 200 | MangaAssist |");
        markdown.ShouldContain("| 200 | Portkey 1.15.2 |");
        markdown.ShouldContain("**6.30 ms**");
        markdown.ShouldContain("**11.10 ms**");
        markdown.ShouldContain("added p50 10.0 vs 8.7 ms (**MangaAssist behind**), p99 132.0 vs 304.0 ms (MangaAssist ≤ Portkey); CPU per answer 6.30 vs 11.10 ms");
        markdown.ShouldContain("Shipped defaults (no stack arguments)");
        ComparisonMarkdown.Summary(report).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2);
    }

    [Fact]
    public void Render_ListsErrorsAndViolationsOfEachStep()
    {
        var mine = Phase("MangaAssist", 50, 1, 2, 3) with
        {
            Errors = 3,
            ErrorsByCode = new Dictionary<string, long> { ["busy"] = 3 },
            Violations = 1,
            ViolationExamples = ["SeqGap: r-50-1-0 (seq 2 after 0)"],
        };
        var report = Report(mine, Phase("Portkey 1.15.2", 50, 1, 2, 3));

        var markdown = ComparisonMarkdown.Render(report);

        report.ProblemTotal.ShouldBe(1);
        markdown.ShouldContain("MangaAssist errors 3 (busy 3), violations 1");
        markdown.ShouldContain("MangaAssist at 50: SeqGap: r-50-1-0 (seq 2 after 0)");
        markdown.ShouldContain("MangaAssist at 50 streams: errors busy ×3.");
    }

    [Fact]
    public async Task Phase_ClosedLoop_MeasuresOnlyAfterTheWarmupAndCountsAnswersThatNeverEnd()
    {
        // A real (tiny) run of the loop: 4 streams, answers of ~20 ms, one stream whose second answer never ends.
        var phase = new ClosedLoopPhase(4, warmup: TimeSpan.FromMilliseconds(500), duration: TimeSpan.FromMilliseconds(2000),
            // The drain is generous: on a loaded test machine a 20 ms answer can take far longer than 300 ms to end,
            // and only the stuck one may count as unfinished (it waits the whole drain either way).
            answerTime: TimeSpan.FromMilliseconds(20), drain: TimeSpan.FromSeconds(3));
        async Task<TimeSpan?> Ask(int id, long n, AnswerStats stats, CancellationToken giveUp)
        {
            stats.RecordSent();
            await Task.Delay(id == 3 && n == 1 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(20), giveUp);
            stats.RecordStreamed("done", null, 1_000, 20_000, null);
            return null;
        }

        var window = await phase.RunAsync(Ask, new Dictionary<string, int> { ["load-tool"] = Environment.ProcessId }, CancellationToken.None);

        phase.Unfinished.ShouldBe(1);
        phase.Warmup.Done.ShouldBeGreaterThan(0);
        phase.Measured.Done.ShouldBeGreaterThan(0);
        (phase.Measured.Sent + phase.Warmup.Sent - phase.Measured.Done - phase.Warmup.Done).ShouldBe(1); // the stuck one
        window.AnswersEnded.ShouldBeGreaterThan(0);
        window.AnswersEnded.ShouldBeLessThanOrEqualTo(phase.Measured.Done + phase.Warmup.Done);
        window.Before.ContainsKey("load-tool").ShouldBeTrue();
        window.After.ContainsKey("load-tool").ShouldBeTrue();
    }

    [Fact]
    public async Task Phase_WithAThinkTime_PacesEachStreamLikeAShopper()
    {
        // The same tiny loop twice: answers of 10 ms, asked back to back, then with 300 ms pauses on average between
        // them. Back to back each stream asks dozens of times in the second; paced, a few times (the draws are
        // seeded per stream, so both gateways of a comparison get the same pauses).
        async Task<long> AskedAsync(TimeSpan thinkTime)
        {
            var phase = new ClosedLoopPhase(4, warmup: TimeSpan.Zero, duration: TimeSpan.FromSeconds(1),
                answerTime: TimeSpan.FromMilliseconds(10), drain: TimeSpan.FromSeconds(3), thinkTime);
            async Task<TimeSpan?> Ask(int id, long n, AnswerStats stats, CancellationToken giveUp)
            {
                stats.RecordSent();
                await Task.Delay(TimeSpan.FromMilliseconds(10), giveUp);
                stats.RecordStreamed("done", null, 1_000, 10_000, null);
                return null;
            }

            await phase.RunAsync(Ask, new Dictionary<string, int>(), CancellationToken.None);
            return phase.Measured.Sent + phase.Warmup.Sent;
        }

        var backToBack = await AskedAsync(TimeSpan.Zero);
        var paced = await AskedAsync(TimeSpan.FromMilliseconds(300));

        backToBack.ShouldBeGreaterThan(40);
        paced.ShouldBeGreaterThanOrEqualTo(4);
        paced.ShouldBeLessThan(backToBack / 3);
    }

    [Theory]
    [InlineData(new string[] { "peer-portkey" }, 40)]
    [InlineData(new string[] { "peer-portkey", "--warmup", "10s" }, 10)]
    [InlineData(new string[] { "burst" }, 10)]
    public void Parse_PeerComparison_WarmsUpPastTheJitsFirstMinuteUnlessTold(string[] args, int warmupSeconds)
    {
        var (options, problems) = ArgumentParser.Parse(args);

        problems.ShouldBeEmpty();
        options!.Warmup.ShouldBe(TimeSpan.FromSeconds(warmupSeconds));
    }

    [Fact]
    public void Render_SaysWhichPacingTheStreamsHad()
    {
        var phases = new[] { Phase("MangaAssist", 1000, 5, 50, 4), Phase("Portkey 1.15.2", 1000, 5, 60, 9) };
        var (paced, _) = ArgumentParser.Parse(["peer-portkey", "--levels", "1000", "--think-time", "5s"]);
        var report = ComparisonReportBuilder.Build(paced!, new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero), "four processes", "1.15.2", phases);

        ComparisonMarkdown.Render(report).ShouldContain("each stream asks again after a pause of 5 s on average");
        ComparisonMarkdown.Render(Report(phases)).ShouldContain("each stream asks again the moment its answer ends");
    }

    private static ComparisonReport Report(params PeerPhase[] phases)
    {
        var (options, _) = ArgumentParser.Parse(["peer-portkey", "--levels", string.Join(',', phases.Select(p => p.Streams).Distinct())]);
        return ComparisonReportBuilder.Build(options!, new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero), "four processes", "1.15.2", phases);
    }

    private static PeerPhase Phase(string gateway, int streams, double addedP50Ms, double addedP99Ms, double cpuMs) => new()
    {
        Gateway = gateway,
        Streams = streams,
        MeasuredSeconds = 20,
        AnswersEnded = 2_000,
        AnswersPerSecond = 100,
        Done = 2_000,
        ErrorsByCode = new Dictionary<string, long>(),
        TextVerified = 2_000,
        TimeToFirstToken = Latency(300 + addedP50Ms, 300 + addedP99Ms),
        Added = Latency(addedP50Ms, addedP99Ms),
        AddedUpperBound = Latency(addedP50Ms + 2, addedP99Ms + 5),
        ModelAlone = Latency(301, 310),
        Cpu = new Dictionary<string, ProcessCpu>
        {
            [gateway.StartsWith("Portkey", StringComparison.Ordinal) ? "portkey" : "service"] = new(60, cpuMs),
            ["machine"] = new(150, 40),
        },
    };

    private static LatencySummary Latency(double p50, double p99) => new(2_000, p50 / 2, p50, (p50 + p99) / 2, p99, p99, p99, p50);
}
