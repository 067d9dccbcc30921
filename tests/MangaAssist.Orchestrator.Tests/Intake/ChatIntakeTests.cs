using System.Text;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.Orchestrator.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace MangaAssist.Orchestrator.Tests.Intake;

public sealed class ChatIntakeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly PipelineParts _parts = new();
    private readonly RecordingRunner _runner = new();

    private ChatIntake CreateSut(PipelineParts? parts = null)
    {
        parts ??= _parts;
        return new(
            new ClientMessageParser(new InputLimitsOptions()),
            parts.Registry,
            _runner,
            new ResumeRunner(parts.FrameLog, parts.Poster, parts.Streams, parts.Registry, NullLogger<ResumeRunner>.Instance),
            parts.Forgetter,
            parts.Streams,
            MsOptions.Create(new ChatRoutesOptions { SendMessage = PipelineParts.Route(), Analyze = PipelineParts.Route() }),
            parts.Telemetry,
            NullLogger<ChatIntake>.Instance);
    }

    private static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void Accept_SendMessage_StartsOneAnswerInTheBackground()
    {
        CreateSut().Accept("c-1", PipelineParts.Shopper, Json("""{"action":"sendMessage","requestId":"r-1","sessionId":"s-1","message":"hi"}"""));

        SpinWait.SpinUntil(() => _runner.Requests.Count == 1, Patience).ShouldBeTrue();
        _runner.Requests.Single().RequestId.ShouldBe("r-1");
    }

    [Fact]
    public void Accept_SameRequestIdTwice_AnswersOnce()
    {
        var sut = CreateSut();
        sut.Accept("c-1", PipelineParts.Shopper, Json("""{"action":"sendMessage","requestId":"r-1","sessionId":"s-1","message":"hi"}"""));
        sut.Accept("c-1", PipelineParts.Shopper, Json("""{"action":"sendMessage","requestId":"r-1","sessionId":"s-1","message":"hi"}"""));

        SpinWait.SpinUntil(() => !_runner.Requests.IsEmpty, Patience).ShouldBeTrue();
        _parts.Registry.ActiveCount.ShouldBe(1);
        _runner.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public void Accept_MalformedJson_RefusesWithAnErrorFrameAndStartsNothing()
    {
        CreateSut().Accept("c-1", PipelineParts.Shopper, Json("{not json"));

        SpinWait.SpinUntil(() => _parts.Connections.Frames.Count == 1, Patience).ShouldBeTrue();
        _parts.Connections.Last.GetProperty("code").GetString().ShouldBe(ErrorCodes.MalformedJson);
        _runner.Requests.ShouldBeEmpty();
    }

    [Fact]
    public void Accept_CancelOfUnknownRequest_RefusesWithUnknownRequest()
    {
        CreateSut().Accept("c-1", PipelineParts.Shopper, Json("""{"action":"cancel","requestId":"r-9"}"""));

        SpinWait.SpinUntil(() => _parts.Connections.Frames.Count == 1, Patience).ShouldBeTrue();
        _parts.Connections.Last.GetProperty("code").GetString().ShouldBe(ErrorCodes.UnknownRequest);
        _parts.Connections.Last.GetProperty("requestId").GetString().ShouldBe("r-9");
    }

    [Fact]
    public async Task Accept_ResumeOfAnAnswerTakenOverHere_PostsOnlyTheFramesItsPredecessorLogged()
    {
        // The predecessor logged start and two deltas, then died; this task took the answer over from seq 3.
        var parts = new PipelineParts(resumable: true);
        var predecessor = parts.Streams.ForAnswer("c-1", PipelineParts.Shopper.Id, "s-1", "r-1", () => false);
        await predecessor.SendStartAsync("model-a", CancellationToken.None);
        await predecessor.SendDeltaAsync("one", CancellationToken.None);
        await predecessor.SendDeltaAsync("two", CancellationToken.None);
        parts.Registry.TryBegin("c-1", "r-1", out var takenOver, PipelineParts.Shopper.Id).ShouldBeTrue();
        takenOver!.PostsFromSeq = 3;
        var before = parts.Connections.Frames.Count;
        var sut = CreateSut(parts);

        // A client holding everything before the seam asks nothing this task does not post itself: ignored.
        sut.Accept("c-1", PipelineParts.Shopper, Json("""{"action":"resume","requestId":"r-1","sessionId":"s-1","afterSeq":2}"""));
        // One that missed the predecessor's last frames gets those, and only those; the same ask twice, once.
        sut.Accept("c-1", PipelineParts.Shopper, Json("""{"action":"resume","requestId":"r-1","sessionId":"s-1","afterSeq":0}"""));
        sut.Accept("c-1", PipelineParts.Shopper, Json("""{"action":"resume","requestId":"r-1","sessionId":"s-1","afterSeq":0}"""));

        SpinWait.SpinUntil(() => parts.Connections.Frames.Count >= before + 2, Patience).ShouldBeTrue();
        await Task.Delay(200);
        parts.Connections.Frames.Skip(before).Select(f => f.GetProperty("seq").GetInt64()).ShouldBe([1, 2]);
        parts.Connections.Frames.Skip(before).Select(f => f.GetProperty("text").GetString()).ShouldBe(["one", "two"]);
        parts.Registry.Running("c-1", "r-1").ShouldBeSameAs(takenOver);
        SpinWait.SpinUntil(() => parts.Registry.ActiveCount == 1, Patience).ShouldBeTrue();
    }

    private sealed class RecordingRunner : IAnswerRunner
    {
        public System.Collections.Concurrent.ConcurrentBag<ChatRequest> Requests { get; } = [];

        public Task RunAsync(ChatRequest request, ActiveRequest active)
        {
            Requests.Add(request);
            return Task.CompletedTask;
        }
    }
}
