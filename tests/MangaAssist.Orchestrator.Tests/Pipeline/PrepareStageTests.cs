using MangaAssist.Aws.ApiGatewayManagement;
using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.Orchestrator.Tests.Support;
using MangaAssist.Retrieval;
using MangaAssist.SharedState.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Pipeline;

public sealed class PrepareStageTests
{
    private readonly PipelineParts _parts = new();
    private ISessionMemory Sessions => _parts.Shared.Sessions;
    private readonly NoPassages _retriever = new();

    private PrepareStage CreateSut() => new(
        new ConversationMemory(Sessions, NullLogger<ConversationMemory>.Instance),
        new AnswerContextBuilder(_retriever, NullLogger<AnswerContextBuilder>.Instance),
        NullLogger<PrepareStage>.Instance);

    [Fact]
    public async Task PrepareAsync_SessionWithHistory_SendsStartAndPutsTheHistoryInThePrompt()
    {
        await Sessions.AppendTurnAsync(MangaAssist.SharedState.Shoppers.ShopperKeys.Session(PipelineParts.Shopper.Id, "s-1"), new ConversationTurn(TurnRole.User, "earlier question"));
        await Sessions.AppendTurnAsync(MangaAssist.SharedState.Shoppers.ShopperKeys.Session(PipelineParts.Shopper.Id, "s-1"), new ConversationTurn(TurnRole.Assistant, "earlier answer"));

        var prepared = await CreateSut().PrepareAsync(_parts.NewAnswer());

        _parts.Connections.Types.ShouldBe(["start"]);
        prepared!.History.Count.ShouldBe(2);
        prepared.Context.Prompt.ShouldContain(m => m.Text == "earlier answer");
    }

    [Fact]
    public async Task PrepareAsync_AnswerStoppedDuringRetrieval_ReturnsNothingButStartWasStillSent()
    {
        var route = PipelineParts.Route();
        route.RetrievalTopK = 5;
        var answer = _parts.NewAnswer(route: route);
        _retriever.DuringSearch = _ => answer.Active.Cancel(CancelReason.ClientCancelled);

        var prepared = await CreateSut().PrepareAsync(answer);

        prepared.ShouldBeNull();
        _parts.Connections.Types.ShouldBe(["start"]);
    }

    [Fact]
    public async Task PrepareAsync_StartNotDelivered_StopsTheAnswerBeforeRetrieval()
    {
        var route = PipelineParts.Route();
        route.RetrievalTopK = 5;
        var answer = _parts.NewAnswer(route: route);
        _parts.Connections.Status = PostToConnectionStatus.Gone;
        var searchedUncancelled = false;
        _retriever.DuringSearch = token => searchedUncancelled = !token.IsCancellationRequested;

        var prepared = await CreateSut().PrepareAsync(answer);

        prepared.ShouldBeNull();
        searchedUncancelled.ShouldBeFalse();
        answer.Active.Reason.ShouldBe(CancelReason.ClientGone);
    }

    private sealed class NoPassages : IProductRetriever
    {
        public Action<CancellationToken>? DuringSearch { get; set; }

        public Task<IReadOnlyList<RetrievedPassage>> SearchAsync(RetrievalQuery query, CancellationToken cancellationToken)
        {
            DuringSearch?.Invoke(cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult<IReadOnlyList<RetrievedPassage>>([]);
        }
    }
}
