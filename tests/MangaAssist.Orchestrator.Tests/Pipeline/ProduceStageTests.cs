using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.Orchestrator.Pipeline.Sources;
using MangaAssist.Orchestrator.Tests.Support;
using MangaAssist.SharedState.ResponseCache;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace MangaAssist.Orchestrator.Tests.Pipeline;

public sealed class ProduceStageTests
{
    private readonly PipelineParts _parts = new();

    private ProduceStage CreateSut(IAnswerSource source) => new(
        new AnswerSourceChain([source]), new FlushPace(new StreamingOptions(), () => 0, _parts.Time), _parts.Time, _parts.Telemetry, NullLogger<ProduceStage>.Instance);

    private static Preparation Prepared() => new([], new AnswerContext([], [], "fp"));

    [Fact]
    public async Task ProduceAsync_SourceAnswers_DeliversItsTextAsDeltasBeforeReturning()
    {
        var answer = _parts.NewAnswer();

        var completed = await CreateSut(new Emitting("Try Mushishi.")).ProduceAsync(answer, Prepared());

        completed!.Text.ShouldBe("Try Mushishi.");
        _parts.Connections.Types.ShouldBe(["delta"]);
        _parts.Connections.Last.GetProperty("text").GetString().ShouldBe("Try Mushishi.");
        answer.FirstToken.ShouldNotBeNull();
        answer.Source.ShouldBe(AnswerSource.Model);
    }

    [Fact]
    public async Task ProduceAsync_ClientGoneDuringTheText_StopsTheAnswerAsClientGone()
    {
        var answer = _parts.NewAnswer();
        _parts.Connections.Status = MangaAssist.Aws.ApiGatewayManagement.PostToConnectionStatus.Gone;

        await CreateSut(new Emitting("text")).ProduceAsync(answer, Prepared());

        answer.Active.Reason.ShouldBe(CancelReason.ClientGone);
    }

    [Fact]
    public async Task ProduceAsync_SourceStoppedByCancellation_ReturnsNothing()
    {
        var answer = _parts.NewAnswer();
        answer.Active.Cancel(CancelReason.ClientCancelled);

        var completed = await CreateSut(new Emitting("text", throwIfCancelled: true)).ProduceAsync(answer, Prepared());

        completed.ShouldBeNull();
        _parts.Connections.Frames.ShouldBeEmpty();
    }

    private sealed class Emitting(string text, bool throwIfCancelled = false) : IAnswerSource
    {
        public Task<CompletedAnswer?> ProduceAsync(Production production, Func<Production, Task<CompletedAnswer?>> nextSource)
        {
            if (throwIfCancelled)
            {
                production.Token.ThrowIfCancellationRequested();
            }

            production.Source = AnswerSource.Model;
            production.Emit(text);
            return Task.FromResult<CompletedAnswer?>(new CompletedAnswer(text, "model-a", CompletedAnswer.EndTurn, new AnswerUsage(1, 1)));
        }
    }
}
