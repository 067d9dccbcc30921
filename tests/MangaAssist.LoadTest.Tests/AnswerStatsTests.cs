using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Protocol;
using static MangaAssist.LoadTest.Tests.FrameSequence;

namespace MangaAssist.LoadTest.Tests;

public sealed class AnswerStatsTests
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(40);

    [Fact]
    public void RecordAnswer_Done_RecordsTimingsAgainstTheSendTime()
    {
        var stats = new AnswerStats();
        var answer = new AnswerTracker("r-1", sentAt: Ticks(1000));
        Observe(answer, Start(0), at: 1002);
        Observe(answer, Delta(1, "a"), at: 1305);
        Observe(answer, Delta(2, "b"), at: 1345);
        Observe(answer, Done(3), at: 1350);

        stats.RecordAnswer(answer, emulatorTimeToFirstTokenUs: 300_000, FlushInterval);

        stats.Done.ShouldBe(1);
        stats.TimeToStart.Max.ShouldBeInRange(2_000 - 1, 2_000 + 1);
        stats.TimeToFirstToken.Max.ShouldBeInRange(305_000 - 1, 305_000 + 1);
        stats.ServiceAddedUpperBound.Max.ShouldBeInRange(5_000 - 1, 5_000 + 1);
        stats.Duration.Max.ShouldBeInRange(350_000 - 1, 350_000 + 1);
        stats.FramesPerAnswer.Max.ShouldBe(4);
        stats.DeltaGap.Max.ShouldBeInRange(40_000 - 1, 40_000 + 1);
        stats.AnswersOverFrameBudget.ShouldBe(0);
        stats.ViolationCount.ShouldBe(0);
    }

    [Fact]
    public void RecordAnswer_FirstTokenBeforeTheModelsOwn_IsCountedAndClampedToZero()
    {
        var stats = new AnswerStats();
        var answer = new AnswerTracker("r-1", sentAt: 0);
        Observe(answer, Start(0), at: 1);
        Observe(answer, Delta(1, "a"), at: 299);
        Observe(answer, Done(2), at: 300);

        stats.RecordAnswer(answer, emulatorTimeToFirstTokenUs: 300_000, FlushInterval);

        stats.NegativeServiceAdded.ShouldBe(1);
        stats.ServiceAddedUpperBound.Max.ShouldBe(0);
    }

    [Fact]
    public void RecordAnswer_ErrorsAndViolations_AreCountedByCodeAndKind()
    {
        var stats = new AnswerStats();
        stats.RecordAnswer(Feed(Error(0, "busy")), null, FlushInterval);
        stats.RecordAnswer(Feed(Start(0), Error(1, "throttled")), null, FlushInterval);
        stats.RecordAnswer(Feed(Error(0, "busy")), null, FlushInterval);
        stats.RecordAnswer(Feed(Start(0), Delta(2, "x"), Done(3)), null, FlushInterval);

        stats.Errors.ShouldBe(3);
        stats.Done.ShouldBe(1);
        stats.ErrorsByCode.ShouldBe(new Dictionary<string, long> { ["busy"] = 2, ["throttled"] = 1 }, ignoreOrder: true);
        stats.Violations.ShouldBe(new Dictionary<ViolationKind, long> { [ViolationKind.SeqGap] = 1 });
        stats.ServiceAddedUpperBound.Count.ShouldBe(0);
    }

    [Fact]
    public void RecordAnswer_Abandoned_CountsTheMissingTerminalButNoDuration()
    {
        var stats = new AnswerStats();
        var answer = Feed(Start(0), Delta(1, "a"));
        answer.Abandon(Ticks(500));

        stats.RecordAnswer(answer, null, FlushInterval);

        stats.Abandoned.ShouldBe(1);
        stats.Violations[ViolationKind.MissingTerminal].ShouldBe(1);
        stats.Duration.Count.ShouldBe(0);
    }

    [Theory]
    [InlineData(2, 40_000, false)]   // two deltas one interval apart
    [InlineData(26, 1_000_000, false)] // one a flush interval for a second
    [InlineData(27, 1_000_000, false)] // plus one frame of arrival jitter
    [InlineData(28, 1_000_000, true)]
    [InlineData(2, 0, false)]
    [InlineData(3, 0, true)]
    public void ExceedsFrameBudget_AllowsOneDeltaPerIntervalPlusJitter(int deltas, long spanUs, bool exceeds) =>
        AnswerStats.ExceedsFrameBudget(deltas, spanUs, FlushInterval).ShouldBe(exceeds);

    [Fact]
    public void RecordAnswer_DeltasFasterThanTheFlushInterval_AreOverBudget()
    {
        var stats = new AnswerStats();
        var answer = new AnswerTracker("r-1", 0);
        Observe(answer, Start(0), at: 1);
        for (var i = 1; i <= 10; i++)
        {
            Observe(answer, Delta(i, "t"), at: 100 + i);
        }

        Observe(answer, Done(11), at: 200);
        stats.RecordAnswer(answer, null, FlushInterval);

        stats.AnswersOverFrameBudget.ShouldBe(1);
    }

    [Fact]
    public void Merge_AddsCountersHistogramsAndDictionaries()
    {
        var a = new AnswerStats();
        var b = new AnswerStats();
        a.RecordSent();
        b.RecordSent();
        b.RecordSent();
        a.RecordAnswer(Feed(Error(0, "busy")), null, FlushInterval);
        b.RecordAnswer(Feed(Error(0, "busy")), null, FlushInterval);
        b.RecordViolation(ViolationKind.UnknownRequest);
        b.RecordTextCheck(verified: true);

        var merged = AnswerStats.Merge([a, b]);

        merged.Sent.ShouldBe(3);
        merged.Errors.ShouldBe(2);
        merged.ErrorsByCode["busy"].ShouldBe(2);
        merged.Violations[ViolationKind.UnknownRequest].ShouldBe(1);
        merged.TextVerified.ShouldBe(1);
        merged.Duration.Count.ShouldBe(2);
    }

    [Fact]
    public void RecordAnswer_Cached_RecordsCachedTimingsAndNoServiceAddedLatency()
    {
        var stats = new AnswerStats();
        var cached = new AnswerTracker("r-1", sentAt: Ticks(1000));
        Observe(cached, Start(0), at: 1004);
        Observe(cached, Delta(1, "a"), at: 1009);
        Observe(cached, Done(2, cached: true), at: 1010);
        var fresh = new AnswerTracker("r-2", sentAt: Ticks(2000));
        Observe(fresh, Start(0, "r-2"), at: 2002);
        Observe(fresh, Delta(1, "a", "r-2"), at: 2303);
        Observe(fresh, Done(2, "r-2"), at: 2304);

        stats.RecordAnswer(cached, emulatorTimeToFirstTokenUs: 300_000, FlushInterval);
        stats.RecordAnswer(fresh, emulatorTimeToFirstTokenUs: 300_000, FlushInterval);

        cached.Cached.ShouldBeTrue();
        fresh.Cached.ShouldBeFalse();
        stats.Done.ShouldBe(2);
        stats.CachedDone.ShouldBe(1);
        stats.CachedTimeToStart.Count.ShouldBe(1);
        stats.CachedTimeToStart.Max.ShouldBeInRange(4_000 - 1, 4_000 + 1);
        stats.CachedTimeToFirstDelta.Max.ShouldBeInRange(9_000 - 1, 9_000 + 1);
        stats.TimeToFirstToken.Count.ShouldBe(2);
        stats.ServiceAddedUpperBound.Count.ShouldBe(1);
        stats.NegativeServiceAdded.ShouldBe(0);

        var merged = AnswerStats.Merge([stats, stats]);
        merged.CachedDone.ShouldBe(2);
        merged.CachedTimeToFirstDelta.Count.ShouldBe(2);
    }

    [Fact]
    public void RecordServiceAdded_SubtractsThisRequestsModelTime_CountsNegativesAndMerges()
    {
        var stats = new AnswerStats();

        stats.RecordServiceAdded(clientTimeToFirstTokenUs: 312_000, modelTimeToFirstTokenUs: 309_000);
        stats.RecordServiceAdded(clientTimeToFirstTokenUs: 300_000, modelTimeToFirstTokenUs: 301_000);

        stats.ServiceAddedLatency.Count.ShouldBe(2);
        stats.ServiceAddedLatency.Max.ShouldBeInRange(3_000 - 1, 3_000 + 1);
        stats.NegativeServiceAdded.ShouldBe(1);
        stats.ServiceAddedUpperBound.Count.ShouldBe(0);
        AnswerStats.Merge([stats, stats]).ServiceAddedLatency.Count.ShouldBe(4);
    }

    private static void Observe(AnswerTracker answer, string json, double at)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        ServiceFrame.TryParse(bytes, out var frame).ShouldBeTrue();
        answer.Observe(frame, bytes.Length, Ticks(at));
    }
}
