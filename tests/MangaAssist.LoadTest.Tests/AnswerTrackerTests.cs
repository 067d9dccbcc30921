using System.Text;
using MangaAssist.LoadTest.Protocol;
using static MangaAssist.LoadTest.Tests.FrameSequence;

namespace MangaAssist.LoadTest.Tests;

public sealed class AnswerTrackerTests
{
    [Fact]
    public void Observe_WellFormedAnswer_HasNoViolationsAndKeepsTheText()
    {
        var answer = Feed(Start(0), Delta(1, "おすすめは"), Delta(2, "ワンピース"), Done(3));

        answer.Violations.ShouldBeEmpty();
        answer.Text.ShouldBe("おすすめはワンピース");
        answer.TerminalType.ShouldBe("done");
        answer.Frames.ShouldBe(4);
        answer.Deltas.ShouldBe(2);
        answer.StartAt.ShouldBe(Ticks(1));
        answer.FirstDeltaAt.ShouldBe(Ticks(2));
        answer.LastDeltaAt.ShouldBe(Ticks(3));
        answer.TerminalAt.ShouldBe(Ticks(4));
    }

    [Fact]
    public void Observe_CitationsBeforeDone_IsFine()
    {
        var answer = Feed(Start(0), Delta(1, "[1] です"), """{"type":"citations","requestId":"r-1","seq":2,"items":[{"id":"b-1","title":"t","url":"u"}]}""", Done(3));

        answer.Violations.ShouldBeEmpty();
        answer.Citations.ShouldBe(1);
        answer.Text.ShouldBe("[1] です");
    }

    [Fact]
    public void Observe_RefusedRequest_SingleErrorFrameWithSeqZero_IsFine()
    {
        var answer = Feed(Error(0, "empty_message"));

        answer.Violations.ShouldBeEmpty();
        answer.TerminalType.ShouldBe("error");
        answer.ErrorCode.ShouldBe("empty_message");
    }

    [Fact]
    public void Observe_ErrorAfterPartialText_IsFine()
    {
        var answer = Feed(Start(0), Delta(1, "a"), Error(2, "stream_interrupted"));

        answer.Violations.ShouldBeEmpty();
        answer.ErrorCode.ShouldBe("stream_interrupted");
        answer.Text.ShouldBe("a");
    }

    [Fact]
    public void Observe_SeqGap_IsAViolation()
    {
        var answer = Feed(Start(0), Delta(1, "a"), Delta(3, "b"), Done(4));

        answer.Violations.ShouldBe([ViolationKind.SeqGap]);
        answer.Details.ShouldHaveSingleItem().ShouldBe("r-1: SeqGap: seq 3 where 2 was due (delta \"b\")");
    }

    [Fact]
    public void Observe_RepeatedSeq_IsAViolation()
    {
        var answer = Feed(Start(0), Delta(1, "a"), Delta(1, "a"), Done(2));

        answer.Violations.ShouldBe([ViolationKind.SeqRepeated]);
        answer.Details.ShouldHaveSingleItem().ShouldBe("r-1: SeqRepeated: seq 1 where 2 was due (delta \"a\")");
    }

    [Fact]
    public void Observe_FirstSeqNotZero_IsAViolation()
    {
        var answer = Feed(Start(1), Delta(2, "a"), Done(3));

        answer.Violations.ShouldBe([ViolationKind.SeqNotFromZero]);
    }

    [Fact]
    public void Observe_FrameAfterDone_IsAViolation()
    {
        var answer = Feed(Start(0), Delta(1, "a"), Done(2), Delta(3, "late"));

        answer.Violations.ShouldBe([ViolationKind.FrameAfterTerminal]);
        answer.Text.ShouldBe("a");
    }

    [Fact]
    public void Observe_SecondTerminalFrame_IsAViolation()
    {
        var answer = Feed(Start(0), Done(1), Error(2, "internal_error"));

        answer.Violations.ShouldBe([ViolationKind.FrameAfterTerminal]);
        answer.TerminalType.ShouldBe("done");
    }

    [Fact]
    public void Observe_DeltaBeforeStart_IsOutOfOrder()
    {
        var answer = Feed(Delta(0, "a"), Done(1));

        answer.Violations.ShouldBe([ViolationKind.FrameOutOfOrder, ViolationKind.FrameOutOfOrder]);
    }

    [Fact]
    public void Observe_FrameOverTheLimit_IsAViolation()
    {
        var tracker = new AnswerTracker("r-1", 0);
        var big = new string('a', AnswerOracle.DefaultMaxFrameBytes);

        FrameSequence.Feed(tracker, Start(0), Delta(1, big), Done(2));

        tracker.Violations.ShouldBe([ViolationKind.OversizedFrame]);
        tracker.LargestFrameBytes.ShouldBeGreaterThan(AnswerOracle.DefaultMaxFrameBytes);
    }

    [Fact]
    public void Observe_FrameExactlyAtTheLimit_IsFine()
    {
        var tracker = new AnswerTracker("r-1", 0);
        var envelope = Encoding.UTF8.GetByteCount(Delta(1, ""));
        var exact = Delta(1, new string('a', AnswerOracle.DefaultMaxFrameBytes - envelope));

        FrameSequence.Feed(tracker, Start(0), exact, Done(2));

        tracker.Violations.ShouldBeEmpty();
        tracker.LargestFrameBytes.ShouldBe(AnswerOracle.DefaultMaxFrameBytes);
    }

    [Fact]
    public void Observe_UnknownType_IsAViolation()
    {
        var answer = Feed(Start(0), """{"type":"debug","requestId":"r-1","seq":1}""", Done(2));

        answer.Violations.ShouldBe([ViolationKind.UnknownFrameType]);
        answer.Details.ShouldHaveSingleItem().ShouldBe("r-1: UnknownFrameType: \"debug\" at seq 1");
    }

    [Fact]
    public void Observe_MissingSeq_IsMalformed()
    {
        var answer = Feed(Start(0), """{"type":"delta","requestId":"r-1","text":"a"}""");

        answer.Violations.ShouldBe([ViolationKind.MalformedFrame]);
    }

    [Fact]
    public void Abandon_WithoutTerminalFrame_IsMissingTerminal()
    {
        var answer = Feed(Start(0), Delta(1, "a"));

        answer.Abandon(Ticks(100));

        answer.Violations.ShouldBe([ViolationKind.MissingTerminal]);
        answer.IsFinished.ShouldBeFalse();
    }

    [Fact]
    public void Abandon_AfterTerminalFrame_ChangesNothing()
    {
        var answer = Feed(Start(0), Done(1));

        answer.Abandon(Ticks(100));

        answer.Violations.ShouldBeEmpty();
        answer.TerminalAt.ShouldBe(Ticks(2));
    }
}
