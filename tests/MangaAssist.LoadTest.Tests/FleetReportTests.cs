using System.Text;
using MangaAssist.LoadTest.Protocol;
using MangaAssist.LoadTest.Reporting;
using MangaAssist.LoadTest.Running;
using static MangaAssist.LoadTest.Tests.FrameSequence;

namespace MangaAssist.LoadTest.Tests;

public sealed class FleetReportTests
{
    [Fact]
    public void StatsFor_AnAnswerSentBeforeASignalAndEndedAfterIt_BelongsToThatSignal()
    {
        var signals = new InFlightAtSignals();
        signals.Add(new FleetEvent(Ticks(10), 10, "SIGKILL", "service-1", "pid 1"));
        signals.Add(new FleetEvent(Ticks(20), 20, "SIGTERM", "service-2", "pid 2"));

        var before = Answer(sentMs: 1, frameMs: [2, 3, 4]);   // over before the first signal
        var spansBoth = Answer(sentMs: 5, frameMs: [6, 25, 26]); // in flight at both: the first one counts
        var second = Answer(sentMs: 15, frameMs: [16, 17, 30]);

        signals.StatsFor(before).ShouldBeNull();
        signals.StatsFor(spansBoth).ShouldBeSameAs(signals.Signals[0].Stats);
        signals.StatsFor(second).ShouldBeSameAs(signals.Signals[1].Stats);
        ((double)signals.Signals[0].LongestGap.Max).ShouldBe(19_000, tolerance: 100); // 6 → 25 ms: the pause across the kill
    }

    [Fact]
    public void Summary_AnAnswerLostAtAKill_IsNotSurvived_AndMissesTheTarget()
    {
        var signals = new InFlightAtSignals();
        signals.Add(new FleetEvent(Ticks(3), 3, "SIGKILL", "service-1", "pid 42"));
        var finished = Answer(sentMs: 1, frameMs: [2, 4, 5]);
        var lost = new AnswerTracker("r-2", Ticks(1));
        Feed(lost, Start(0, "r-2"));
        lost.Abandon(Ticks(30));
        foreach (var answer in new[] { finished, lost })
        {
            signals.StatsFor(answer)!.RecordAnswer(answer, null, TimeSpan.FromMilliseconds(50));
        }

        var summary = FleetSummary.Of(new FleetFacts([signals.Signals[0].Event], signals.Signals, 3));

        var row = summary.Signals.ShouldHaveSingleItem();
        row.InFlight.ShouldBe(2);
        row.Done.ShouldBe(1);
        row.Abandoned.ShouldBe(1);
        row.Violations.ShouldBe(1); // MissingTerminal
        row.Survived.ShouldBeFalse();
        summary.Target().Met.ShouldBe(false);
        summary.Target().Measured.ShouldStartWith("1 of 2 done");

        var md = new StringBuilder();
        FleetMarkdown.Render(md, summary);
        md.ToString().ShouldContain("| 3.0 | SIGKILL | service-1 | pid 42 |");
        md.ToString().ShouldContain("| SIGKILL service-1 at 3.0 s | 2 | 1 | 0 | 1 | 1 |");
        md.ToString().ShouldContain("| **no** |");
    }

    [Fact]
    public void Summary_EveryAnswerDone_Survives_AndWithoutSignalsTheTargetIsInformational()
    {
        var signals = new InFlightAtSignals();
        signals.Add(new FleetEvent(Ticks(3), 3, "SIGTERM", "service-2", "pid 7"));
        var answer = Answer(sentMs: 1, frameMs: [2, 4, 5]);
        signals.StatsFor(answer)!.RecordAnswer(answer, null, TimeSpan.FromMilliseconds(50));

        FleetSummary.Of(new FleetFacts([], signals.Signals, 2)).Target().Met.ShouldBe(true);
        FleetSummary.Of(new FleetFacts([], [], 2)).Target().Met.ShouldBeNull();
    }

    [Fact]
    public void LongestGap_IsTheLongestWaitForTheNextFrame_IncludingTheWaitBeforeAnAbandonment()
    {
        var tracker = Answer(sentMs: 0, frameMs: [3, 4, 10, 11]);
        tracker.LongestGap.ShouldBe(Ticks(6));

        var lost = new AnswerTracker("r-1", 0);
        Feed(lost, Start(0));
        lost.Abandon(Ticks(100));
        lost.LongestGap.ShouldBe(Ticks(99));
    }

    /// <summary>An answer sent at <paramref name="sentMs"/> whose frames (start, deltas, done) arrive at the given times.</summary>
    private static AnswerTracker Answer(double sentMs, double[] frameMs)
    {
        var id = $"r-{sentMs}";
        var tracker = new AnswerTracker(id, Ticks(sentMs));
        for (var i = 0; i < frameMs.Length; i++)
        {
            var json = i == 0 ? Start(0, id) : i == frameMs.Length - 1 ? Done(i, id) : Delta(i, "x", id);
            var bytes = Encoding.UTF8.GetBytes(json);
            ServiceFrame.TryParse(bytes, out var frame).ShouldBeTrue();
            tracker.Observe(frame, bytes.Length, Ticks(frameMs[i]));
        }

        return tracker;
    }
}
