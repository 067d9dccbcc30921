using System.Text.Json;
using MangaAssist.Orchestrator.Jobs;
using MangaAssist.Orchestrator.Tests.Support;
using MangaAssist.SharedState.ResponseCache;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Jobs;

public sealed class JobFramesTests
{
    private readonly PipelineParts _parts = new();

    [Fact]
    public async Task Snapshot_OfAnInterruptedJob_HasItsTextAndTheNextSeqAndNoTerminal()
    {
        var writer = new JobFrameWriter(_parts.FrameLog, "owner-1:s:r", "r", "job-1", 0, 32 * 1024);
        await writer.StartAsync("model-a");
        await writer.DeltaAsync("Hello, ");
        await writer.DeltaAsync("world");

        var snapshot = await JobFrameSnapshot.ReadAsync(_parts.FrameLog, "owner-1:s:r", TimeProvider.System, CancellationToken.None);

        snapshot.Text.ShouldBe("Hello, world");
        snapshot.NextSeq.ShouldBe(3);
        snapshot.TerminalType.ShouldBeNull();
    }

    [Fact]
    public async Task Snapshot_OfAFinishedLog_ReportsItsTerminalFrame()
    {
        var writer = new JobFrameWriter(_parts.FrameLog, "owner-1:s:done", "r", "job-2", 0, 32 * 1024);
        await writer.StartAsync("model-a");
        await writer.DeltaAsync("All of it");
        await writer.DoneAsync("end_turn", new AnswerUsage(10, 3), "model-a");

        var snapshot = await JobFrameSnapshot.ReadAsync(_parts.FrameLog, "owner-1:s:done", TimeProvider.System, CancellationToken.None);

        snapshot.TerminalType.ShouldBe("done");
        snapshot.Text.ShouldBe("All of it");
    }

    [Fact]
    public async Task Snapshot_OfNoLog_IsEmpty() =>
        (await JobFrameSnapshot.ReadAsync(_parts.FrameLog, "owner-1:s:none", TimeProvider.System, CancellationToken.None)).ShouldBe(JobFrameSnapshot.Empty);

    [Fact]
    public async Task Writer_WhoseSeqIsTakenByAnotherRunner_IsFencedOffAndWritesNothingMore()
    {
        var first = new JobFrameWriter(_parts.FrameLog, "owner-1:s:fence", "r", "job-3", 0, 32 * 1024);
        await first.StartAsync("model-a");
        var second = new JobFrameWriter(_parts.FrameLog, "owner-1:s:fence", "r", "job-3", 1, 32 * 1024);
        (await second.DeltaAsync("taken over")).ShouldBeTrue();

        (await first.DeltaAsync("stale")).ShouldBeFalse();

        first.Fenced.ShouldBeTrue();
        (await first.DoneAsync("end_turn", new AnswerUsage(1, 1), "model-a")).ShouldBeFalse();
        (await JobFrameSnapshot.ReadAsync(_parts.FrameLog, "owner-1:s:fence", TimeProvider.System, CancellationToken.None)).Text.ShouldBe("taken over");
    }

    [Fact]
    public async Task StartFrame_NamesTheJob()
    {
        var writer = new JobFrameWriter(_parts.FrameLog, "owner-1:s:start", "r-9", "job-9", 0, 32 * 1024);
        await writer.StartAsync("model-a");

        await foreach (var frame in _parts.FrameLog.ReadAfterAsync("owner-1:s:start", -1, new CancellationTokenSource(TimeSpan.FromMilliseconds(200)).Token).WithCancellation(CancellationToken.None))
        {
            using var json = JsonDocument.Parse(frame.Frame);
            json.RootElement.GetProperty("jobId").GetString().ShouldBe("job-9");
            json.RootElement.GetProperty("requestId").GetString().ShouldBe("r-9");
            json.RootElement.GetProperty("seq").GetInt64().ShouldBe(0);
            return;
        }
    }
}
