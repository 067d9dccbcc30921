using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.Orchestrator.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Intake;

public sealed class ResumeRunnerTests
{
    private readonly PipelineParts _parts = new();

    private ResumeRunner CreateSut() => new(_parts.FrameLog, _parts.Poster, _parts.Streams, _parts.Registry, NullLogger<ResumeRunner>.Instance);

    [Fact]
    public async Task RunAsync_UnknownAnswer_EndsWithResumeUnavailableRightAfterTheClientsLastSeq()
    {
        _parts.Registry.TryBegin("c-2", "resume:r-1:4", out var active).ShouldBeTrue();

        await CreateSut().RunAsync("c-2", PipelineParts.Shopper, new ClientMessage(ClientActions.Resume, "r-1", "s-1", null, AfterSeq: 4), active!);

        var frame = _parts.Connections.Frames.ShouldHaveSingleItem();
        frame.GetProperty("code").GetString().ShouldBe(ErrorCodes.ResumeUnavailable);
        frame.GetProperty("seq").GetInt64().ShouldBe(5);
        _parts.Registry.ActiveCount.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_LoggedAnswer_ReplaysTheFramesAfterTheClientsSeqOnly()
    {
        var resumable = new PipelineParts(resumable: true);
        var stream = resumable.Streams.ForAnswer("c-1", PipelineParts.Shopper.Id, "s-1", "r-1", () => false);
        await stream.SendStartAsync("model-a", CancellationToken.None);
        await stream.SendDeltaAsync("hello", CancellationToken.None);
        await stream.SendErrorAsync(ErrorCatalog.Internal, CancellationToken.None);
        resumable.Registry.TryBegin("c-2", "resume:r-1:0", out var active).ShouldBeTrue();
        var before = resumable.Connections.Frames.Count;

        await new ResumeRunner(resumable.FrameLog, resumable.Poster, resumable.Streams, resumable.Registry, NullLogger<ResumeRunner>.Instance)
            .RunAsync("c-2", PipelineParts.Shopper, new ClientMessage(ClientActions.Resume, "r-1", "s-1", null, AfterSeq: 0), active!);

        resumable.Connections.Frames.Skip(before).Select(f => f.GetProperty("seq").GetInt64()).ShouldBe([1, 2]);
    }
}
