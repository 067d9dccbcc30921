using System.Text;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.Tests.Support;

namespace MangaAssist.SharedState.Tests.FrameLog;

public abstract class FrameLogContract : SharedStateContract<IFrameLog>
{
    protected FrameLogContract(RedisServer? redis)
        : base(redis)
    {
    }

    protected static byte[] Frame(long seq) => Encoding.UTF8.GetBytes($"{{\"type\":\"delta\",\"requestId\":\"c-1\",\"seq\":{seq},\"text\":\"第{seq}話\"}}");

    protected static async Task<List<LoggedFrame>> ReadAllAsync(IFrameLog log, string key, long afterSeq, CancellationToken cancellationToken = default)
    {
        var frames = new List<LoggedFrame>();
        await foreach (var frame in log.ReadAfterAsync(key, afterSeq, cancellationToken))
        {
            frames.Add(frame);
        }

        return frames;
    }

    protected async Task AppendAnswerAsync(int instance, string key, int frames)
    {
        for (var seq = 0; seq < frames; seq++)
        {
            (await Sut(instance).AppendAsync(key, seq, Frame(seq), isTerminal: seq == frames - 1)).ShouldBe(FrameAppendResult.Appended);
        }
    }

    [Fact]
    public async Task ReadAfter_MinusOne_ReturnsEveryFrameThroughTheTerminal()
    {
        await AppendAnswerAsync(0, "u1:c-1", 5);

        var frames = await ReadAllAsync(Sut(1), "u1:c-1", -1);

        frames.Select(f => f.Seq).ShouldBe([0, 1, 2, 3, 4]);
        frames.Select(f => Encoding.UTF8.GetString(f.Frame.Span)).ShouldBe(Enumerable.Range(0, 5).Select(s => Encoding.UTF8.GetString(Frame(s))));
        frames.Select(f => f.IsTerminal).ShouldBe([false, false, false, false, true]);
    }

    [Fact]
    public async Task ReadAfter_N_ReturnsOnlyLaterFrames()
    {
        await AppendAnswerAsync(0, "k", 6);

        (await ReadAllAsync(Sut(1), "k", 3)).Select(f => f.Seq).ShouldBe([4, 5]);
    }

    [Fact]
    public async Task ReadAfter_TheTerminalSeq_EndsAtOnce()
    {
        await AppendAnswerAsync(0, "k", 3);

        (await ReadAllAsync(Sut(1), "k", 2)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Append_CopiesTheFrame_SoTheCallerMayReuseItsBuffer()
    {
        var buffer = new byte[64];
        for (var seq = 0; seq < 3; seq++)
        {
            var frame = Frame(seq);
            frame.CopyTo(buffer, 0);
            (await Sut(0).AppendAsync("reuse", seq, buffer.AsMemory(0, frame.Length), isTerminal: seq == 2)).ShouldBe(FrameAppendResult.Appended);
            buffer.AsSpan().Fill((byte)'x');
        }

        var frames = await ReadAllAsync(Sut(1), "reuse", -1);

        frames.Select(f => Encoding.UTF8.GetString(f.Frame.Span)).ShouldBe(Enumerable.Range(0, 3).Select(s => Encoding.UTF8.GetString(Frame(s))));
    }

    [Fact]
    public async Task ALongAnswer_ReadsBackExactly_IncludingFramesReadBeforeTheLogGrew()
    {
        for (var seq = 0; seq < 50; seq++)
        {
            (await Sut(0).AppendAsync("long", seq, Frame(seq), isTerminal: false)).ShouldBe(FrameAppendResult.Appended);
        }

        List<LoggedFrame> early = [];
        await foreach (var frame in Sut(1).ReadAfterAsync("long", -1))
        {
            early.Add(frame);
            if (frame.Seq == 49)
            {
                break;
            }
        }

        for (var seq = 50; seq < 400; seq++)
        {
            (await Sut(0).AppendAsync("long", seq, Frame(seq), isTerminal: seq == 399)).ShouldBe(FrameAppendResult.Appended);
        }

        var all = await ReadAllAsync(Sut(1), "long", -1);

        all.Select(f => f.Seq).ShouldBe(Enumerable.Range(0, 400).Select(s => (long)s));
        all.Select(f => Encoding.UTF8.GetString(f.Frame.Span)).ShouldBe(Enumerable.Range(0, 400).Select(s => Encoding.UTF8.GetString(Frame(s))));
        early.Select(f => Encoding.UTF8.GetString(f.Frame.Span)).ShouldBe(Enumerable.Range(0, 50).Select(s => Encoding.UTF8.GetString(Frame(s))));
    }

    [Fact]
    public async Task ReadAfter_UnknownKey_ThrowsNotFound()
    {
        var failure = await Should.ThrowAsync<FrameLogReadException>(() => ReadAllAsync(Sut(), "missing", -1));

        failure.Failure.ShouldBe(FrameLogReadFailure.NotFound);
    }

    [Fact]
    public async Task Append_SameSeqAgain_IsIgnored()
    {
        await Sut(0).AppendAsync("k", 0, Frame(0), false);
        await Sut(0).AppendAsync("k", 1, Frame(1), false);

        (await Sut(1).AppendAsync("k", 1, Encoding.UTF8.GetBytes("other"), false)).ShouldBe(FrameAppendResult.AlreadyAppended);
        (await Sut(1).AppendAsync("k", 2, Frame(2), true)).ShouldBe(FrameAppendResult.Appended);
        (await Sut(1).AppendAsync("k", 2, Frame(2), true)).ShouldBe(FrameAppendResult.AlreadyAppended);
        (await ReadAllAsync(Sut(0), "k", -1)).Select(f => Encoding.UTF8.GetString(f.Frame.Span)).ShouldBe(new[] { Frame(0), Frame(1), Frame(2) }.Select(b => Encoding.UTF8.GetString(b)));
    }

    [Fact]
    public async Task Append_AfterTheTerminal_IsRefused()
    {
        await AppendAnswerAsync(0, "k", 2);

        (await Sut(1).AppendAsync("k", 2, Frame(2), false)).ShouldBe(FrameAppendResult.Closed);
    }

    [Fact]
    public async Task Append_SkippingASeq_MarksTheLogIncomplete_ReadersGetTheFramesBeforeThenTheFailure()
    {
        await Sut(0).AppendAsync("k", 0, Frame(0), false);
        await Sut(0).AppendAsync("k", 1, Frame(1), false);

        (await Sut(0).AppendAsync("k", 3, Frame(3), false)).ShouldBe(FrameAppendResult.Gap);
        (await Sut(0).AppendAsync("k", 2, Frame(2), false)).ShouldBe(FrameAppendResult.Closed);
        (await Sut(0).AppendAsync("k", 1, Frame(1), false)).ShouldBe(FrameAppendResult.AlreadyAppended);

        var delivered = new List<long>();
        var failure = await Should.ThrowAsync<FrameLogReadException>(async () =>
        {
            await foreach (var frame in Sut(1).ReadAfterAsync("k", -1))
            {
                delivered.Add(frame.Seq);
            }
        });
        failure.Failure.ShouldBe(FrameLogReadFailure.Incomplete);
        delivered.ShouldBe([0, 1]);
    }

    [Fact]
    public async Task ReadAfter_WhileTheAnswerIsWritten_GetsTheBacklogThenTheLiveTail_WithoutGapOrDuplicate()
    {
        await Sut(0).AppendAsync("k", 0, Frame(0), false);
        await Sut(0).AppendAsync("k", 1, Frame(1), false);
        var readers = new[] { -1L, 0, 1 }.Select(after => Task.Run(() => ReadAllAsync(Sut(1), "k", after))).ToList();

        for (var seq = 2; seq < 300; seq++)
        {
            (await Sut(0).AppendAsync("k", seq, Frame(seq), seq == 299)).ShouldBe(FrameAppendResult.Appended);
            if (seq == 150)
            {
                readers.Add(Task.Run(() => ReadAllAsync(Sut(1), "k", 77)));
            }
        }

        var results = await Task.WhenAll(readers);
        results[0].Select(f => f.Seq).ShouldBe(Enumerable.Range(0, 300).Select(i => (long)i));
        results[1].Select(f => f.Seq).ShouldBe(Enumerable.Range(1, 299).Select(i => (long)i));
        results[2].Select(f => f.Seq).ShouldBe(Enumerable.Range(2, 298).Select(i => (long)i));
        results[3].Select(f => f.Seq).ShouldBe(Enumerable.Range(78, 222).Select(i => (long)i));
        results.ShouldAllBe(r => r.Last().IsTerminal);
    }

    [Fact]
    public async Task ReadAfter_FromBeforeTheOldestKeptFrame_ThrowsTruncated()
    {
        Instances.Set("SharedState:FrameLog:MaxFrames", "16");
        await AppendAnswerAsync(0, "k", 40);

        (await ReadAllAsync(Sut(1), "k", 30)).Count.ShouldBe(9);
        (await Should.ThrowAsync<FrameLogReadException>(() => ReadAllAsync(Sut(1), "k", 3))).Failure.ShouldBe(FrameLogReadFailure.Truncated);
    }

    [Fact]
    public async Task ReadAfter_WriterSilentWithoutTerminal_ThrowsWriterSilent()
    {
        Instances.Set("SharedState:FrameLog:WriterSilenceTimeout", "00:00:00.300");
        Instances.Set("SharedState:FrameLog:PollInterval", "00:00:00.050");
        await Sut(0).AppendAsync("k", 0, Frame(0), false);
        var delivered = new List<long>();
        var reading = Task.Run(async () =>
        {
            await foreach (var frame in Sut(1).ReadAfterAsync("k", -1))
            {
                delivered.Add(frame.Seq);
            }
        });

        await AdvanceAsync(TimeSpan.FromMilliseconds(400));

        (await Should.ThrowAsync<FrameLogReadException>(() => reading)).Failure.ShouldBe(FrameLogReadFailure.WriterSilent);
        delivered.ShouldBe([0]);
    }

    [Fact]
    public async Task ReadAfter_Cancelled_Stops()
    {
        await Sut(0).AppendAsync("k", 0, Frame(0), false);
        using var cancel = new CancellationTokenSource();
        var reading = Task.Run(() => ReadAllAsync(Sut(1), "k", 0, cancel.Token));

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => reading);
    }

    [Fact]
    public async Task AppendMany_AppendsConsecutiveFramesInOneCall_ThenTheLogIsClosed()
    {
        (await Sut(0).AppendAsync("many", 0, Frame(0), isTerminal: false)).ShouldBe(FrameAppendResult.Appended);

        var result = await Sut(1).AppendManyAsync("many", [new LoggedFrame(1, Frame(1), false), new LoggedFrame(2, Frame(2), false), new LoggedFrame(3, Frame(3), true)]);

        result.ShouldBe(FrameAppendResult.Appended);
        var frames = await ReadAllAsync(Sut(0), "many", -1);
        frames.Select(f => f.Seq).ShouldBe([0, 1, 2, 3]);
        frames.Select(f => Encoding.UTF8.GetString(f.Frame.Span)).ShouldBe(Enumerable.Range(0, 4).Select(s => Encoding.UTF8.GetString(Frame(s))));
        frames.Select(f => f.IsTerminal).ShouldBe([false, false, false, true]);
        (await Sut(0).AppendManyAsync("many", [new LoggedFrame(4, Frame(4), false), new LoggedFrame(5, Frame(5), true)])).ShouldBe(FrameAppendResult.Closed);
    }

    [Fact]
    public async Task AppendMany_RepeatedFramesAreIgnored_AndAGapMarksTheLogIncomplete()
    {
        await Sut(0).AppendManyAsync("gap", [new LoggedFrame(0, Frame(0), false), new LoggedFrame(1, Frame(1), false)]);

        (await Sut(1).AppendManyAsync("gap", [new LoggedFrame(1, Frame(1), false), new LoggedFrame(2, Frame(2), false)])).ShouldBe(FrameAppendResult.Appended);
        (await Sut(1).AppendManyAsync("gap", [new LoggedFrame(4, Frame(4), false), new LoggedFrame(5, Frame(5), true)])).ShouldBe(FrameAppendResult.Gap);

        var failure = await Should.ThrowAsync<FrameLogReadException>(async () => await ReadAllAsync(Sut(0), "gap", 2));
        failure.Failure.ShouldBe(FrameLogReadFailure.Incomplete);
    }
}

public sealed class InMemoryFrameLogTests() : FrameLogContract(null);

public sealed class RedisFrameLogTests(RedisServerFixture redis) : FrameLogContract(redis.Server), IClassFixture<RedisServerFixture>;
