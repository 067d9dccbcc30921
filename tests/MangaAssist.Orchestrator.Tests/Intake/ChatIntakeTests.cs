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

    private ChatIntake CreateSut() => new(
        new ClientMessageParser(new InputLimitsOptions()),
        _parts.Registry,
        _runner,
        new ResumeRunner(_parts.FrameLog, _parts.Poster, _parts.Streams, _parts.Registry, NullLogger<ResumeRunner>.Instance),
        _parts.Forgetter,
        _parts.Streams,
        MsOptions.Create(new ChatRoutesOptions { SendMessage = PipelineParts.Route(), Analyze = PipelineParts.Route() }),
        _parts.Telemetry,
        NullLogger<ChatIntake>.Instance);

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
