using MangaAssist.LoadTest.Emulators;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Protocol;

namespace MangaAssist.LoadTest.Tests;

public sealed class TranscriptMatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TranscriptMatcher _matcher = new(Patience, keepUnclaimed: TimeSpan.FromSeconds(30));
    private readonly AnswerStats _stats = new();

    [Fact]
    public void TranscriptFirst_ThenAnswer_IsJudgedAtOnce()
    {
        _matcher.Observe(Transcript(1, "#lt-r-1-1#", "Hello there", firstTokenMs: 301.5), At(0));

        _matcher.Expect("#lt-r-1-1#", "Hello there", clientTimeToFirstTokenUs: 310_000, _stats, At(1));

        _stats.TextVerified.ShouldBe(1);
        _stats.ViolationCount.ShouldBe(0);
        _stats.ServiceAddedLatency.Count.ShouldBe(1);
        _stats.ServiceAddedLatency.Max.ShouldBeInRange(8_500 - 10, 8_500 + 10);
        _matcher.Waiting.ShouldBe(0);
    }

    [Fact]
    public void AnswerFirst_ThenTranscript_WaitsAndIsJudgedWhenItArrives()
    {
        _matcher.Expect("#lt-r-1-2#", "Hello", clientTimeToFirstTokenUs: 305_000, _stats, At(0));
        _matcher.Waiting.ShouldBe(1);
        _stats.TextVerified.ShouldBe(0);

        _matcher.Observe(Transcript(7, "#lt-r-1-2#", "Hello", firstTokenMs: 300), At(1));

        _matcher.Waiting.ShouldBe(0);
        _stats.TextVerified.ShouldBe(1);
        _stats.ServiceAddedLatency.Max.ShouldBeInRange(5_000 - 10, 5_000 + 10);
    }

    [Fact]
    public void DifferentText_IsATextMismatch()
    {
        _matcher.Expect("#lt-r-2-1#", "Hello wrld", clientTimeToFirstTokenUs: null, _stats, At(0));
        _matcher.Observe(Transcript(1, "#lt-r-2-1#", "Hello world", firstTokenMs: 300), At(0));

        _stats.Violations[ViolationKind.TextMismatch].ShouldBe(1);
        _stats.ServiceAddedLatency.Count.ShouldBe(0);
    }

    [Fact]
    public void Retried_UsesTheLastCompletedTextAndTheFirstAttemptThatSentAToken()
    {
        // Attempt 1 failed before any token, attempt 2 broke after some tokens, attempt 3 continued and completed.
        _matcher.Observe(Transcript(1, "#lt-r-3-1#", "", firstTokenMs: null, outcome: "httpError"), At(0));
        _matcher.Observe(Transcript(2, "#lt-r-3-1#", "Hello world", firstTokenMs: 320, outcome: "reset"), At(0));
        _matcher.Expect("#lt-r-3-1#", "Hello world", clientTimeToFirstTokenUs: 900_000, _stats, At(0));
        _matcher.Waiting.ShouldBe(1);

        _matcher.Observe(Transcript(3, "#lt-r-3-1#", "Hello world", firstTokenMs: 300), At(1));

        _stats.TextVerified.ShouldBe(1);
        _stats.ViolationCount.ShouldBe(0);
        _stats.ServiceAddedLatency.Max.ShouldBeInRange(580_000 - 500, 580_000 + 500);
    }

    [Fact]
    public void NoTranscriptWithinThePatience_IsUnverifiable()
    {
        _matcher.Expect("#lt-r-4-1#", "Hello", clientTimeToFirstTokenUs: 300_000, _stats, At(0));

        _matcher.Expire(At(5));
        _matcher.Waiting.ShouldBe(1);
        _matcher.Expire(At(11));

        _matcher.Waiting.ShouldBe(0);
        _stats.TextUnverifiable.ShouldBe(1);
        _stats.TextVerified.ShouldBe(0);
    }

    [Fact]
    public void ATranscriptReadTwice_CountsOnce_AndOneWithoutATagIsIgnored()
    {
        var transcript = Transcript(1, "#lt-r-5-1#", "Hi", firstTokenMs: 300);
        _matcher.Observe(transcript, At(0));
        _matcher.Observe(transcript, At(0));
        _matcher.Observe(transcript with { Sequence = 2, LastUserMessage = "a human asked this" }, At(0));

        _matcher.Expect("#lt-r-5-1#", "Hi", clientTimeToFirstTokenUs: 301_000, _stats, At(0));
        _matcher.Expect("#lt-r-5-1#", "Hi", clientTimeToFirstTokenUs: 302_000, _stats, At(0));

        _stats.TextVerified.ShouldBe(2);
        _stats.ServiceAddedLatency.Count.ShouldBe(2);
    }

    [Fact]
    public void GiveUp_MakesEveryWaitingAnswerUnverifiable()
    {
        _matcher.Expect("#lt-r-6-1#", "a", null, _stats, At(0));
        _matcher.Expect("#lt-r-6-2#", "b", null, _stats, At(0));

        _matcher.GiveUp();

        _stats.TextUnverifiable.ShouldBe(2);
        _matcher.Waiting.ShouldBe(0);
    }

    private static TimeSpan At(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void EachCheckedAnswer_CountsWhetherItsPromptCarriedCatalogPassages()
    {
        const string Passage = "<passage index=\"1\" id=\"p-1\" title=\"One Piece\" url=\"/p/1\">\n[1] Pirates.\n</passage>\n";
        _matcher.Observe(new ModelTranscript(1, Passage + "Which pirate manga? #lt-g-1#", "Hi", "Hi", "completed", Fault: null, 300), At(0));
        _matcher.Observe(Transcript(2, "#lt-g-2#", "Hi", firstTokenMs: 300), At(0));

        _matcher.Expect("#lt-g-1#", "Hi", clientTimeToFirstTokenUs: null, _stats, At(0));
        _matcher.Expect("#lt-g-2#", "Hi", clientTimeToFirstTokenUs: null, _stats, At(0));

        _stats.Grounded.ShouldBe(1);
        _stats.Ungrounded.ShouldBe(1);
    }

    private static ModelTranscript Transcript(long sequence, string tag, string text, double? firstTokenMs, string outcome = "completed") =>
        new(sequence, $"Which manga should I read next? {tag}", text, text, outcome, Fault: null, firstTokenMs);
}
