using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Pipeline.Sources;
using MangaAssist.Orchestrator.Tests.Support;
using MangaAssist.SharedState.ResponseCache;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Pipeline.Sources;

public sealed class AnswerSourceChainTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly SharedStateStandIns _shared;
    private readonly StubModel _model = new();
    private readonly List<string> _sent = [];

    public AnswerSourceChainTests() => _shared = new SharedStateStandIns(_time);

    private IResponseCache Cache => _shared.Cache;

    private AnswerSourceChain CreateSut() => new([
        new ResponseCacheSource(Cache, new PipelineParts().Telemetry, NullLogger<ResponseCacheSource>.Instance),
        new SharedFlightSource(_shared.Flights, NullLogger<SharedFlightSource>.Instance),
        _model,
    ]);

    private Production NewProduction(bool shared = true)
    {
        var request = new ChatRequest("c-1", "r-1", "s-1", "Like Frieren?", "sendMessage", PipelineParts.Route(), PipelineParts.Shopper);
        var context = new AnswerContext([], [], "fp");
        var key = shared ? ResponseCacheKey.Create("model-a", request.Message, "fp", "policy") : (ResponseCacheKey?)null;
        return new Production(request, context, key, _sent.Add, CancellationToken.None);
    }

    [Fact]
    public async Task ProduceAsync_CacheHit_ReplaysTheCachedAnswerWithoutTheModel()
    {
        var production = NewProduction();
        await Cache.SetAsync(production.SharedKey!.Value, new CompletedAnswer("cached text", "model-a", CompletedAnswer.EndTurn, new AnswerUsage(3, 4)));

        var answer = await CreateSut().ProduceAsync(production);

        answer!.Text.ShouldBe("cached text");
        production.Source.ShouldBe(AnswerSource.Cache);
        _sent.ShouldBe(["cached text"]);
        _model.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task ProduceAsync_CacheMiss_AsksTheModelAsFlightLeaderAndStoresAnEndTurnAnswer()
    {
        var production = NewProduction();

        var answer = await CreateSut().ProduceAsync(production);

        answer!.Text.ShouldBe("model text");
        production.Source.ShouldBe(AnswerSource.ModelLeadingFlight);
        (await Cache.TryGetAsync(production.SharedKey!.Value))!.Text.ShouldBe("model text");
    }

    [Fact]
    public async Task ProduceAsync_AnswerCutByMaxTokens_IsNotCached()
    {
        _model.StopReason = "max_tokens";
        var production = NewProduction();

        await CreateSut().ProduceAsync(production);

        (await Cache.TryGetAsync(production.SharedKey!.Value)).ShouldBeNull();
    }

    [Fact]
    public async Task ProduceAsync_PersonalAnswer_GoesStraightToTheModel()
    {
        var production = NewProduction(shared: false);

        await CreateSut().ProduceAsync(production);

        production.Source.ShouldBe(AnswerSource.Model);
        _model.Calls.ShouldBe(1);
    }

    /// <summary>The model source's place in the chain: emits its text and completes.</summary>
    private sealed class StubModel : IAnswerSource
    {
        public int Calls { get; private set; }

        public string StopReason { get; set; } = CompletedAnswer.EndTurn;

        public Task<CompletedAnswer?> ProduceAsync(Production production, Func<Production, Task<CompletedAnswer?>> nextSource)
        {
            Calls++;
            production.Source = production.LeadsFlight ? AnswerSource.ModelLeadingFlight : AnswerSource.Model;
            production.Emit("model text");
            return Task.FromResult<CompletedAnswer?>(new CompletedAnswer("model text", "model-a", StopReason, new AnswerUsage(10, 2)));
        }
    }
}
