using System.Diagnostics.Metrics;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation;

public sealed class ResilientAnswerGeneratorTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstTokenTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);
    private static readonly IReadOnlyList<ChatMessage> Prompt =
        [new(ChatRole.System, "You recommend manga."), new(ChatRole.User, "Something like One Piece?")];

    private readonly FakeTimeProvider _time = new();
    private readonly FakeChatClient _model = new();
    private readonly List<string> _delivered = [];
    private readonly ResilienceOptions _options = new()
    {
        MaxAttempts = 4,
        RetryBaseDelay = TimeSpan.Zero,
        RetryMaxDelay = TimeSpan.FromSeconds(5),
        CircuitFailureRatio = 0.5,
        CircuitMinimumThroughput = 20,
        CircuitBreakDuration = TimeSpan.FromSeconds(15),

        // These tests time single calls; hedging has its own (FailoverConductTests).
        HedgeAfterShare = 0,
    };

    private readonly IMeterFactory _meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public void Dispose() => _model.Dispose();
    private ModelCircuitBreakers? _breakers;

    private ModelCircuitBreakers Breakers => _breakers ??= new ModelCircuitBreakers(
        Microsoft.Extensions.Options.Options.Create(_options), _time, new ResilienceTelemetry(_meters), NullLogger<ModelCircuitBreakers>.Instance);

    private ResilientAnswerGenerator CreateSut(RetryBudget? budget = null, MangaAssist.Aws.Bedrock.Models.BedrockModelsOptions? models = null) => new(
        _model,
        budget ?? new RetryBudget(ratio: 1, minimumPerSecond: 10, TimeSpan.FromSeconds(10), _time),
        Breakers,
        Microsoft.Extensions.Options.Options.Create(_options),
        _time,
        new Randomizer(() => 0.5),
        new ResilienceTelemetry(_meters),
        NullLogger<ResilientAnswerGenerator>.Instance,
            ModelTable.Strategies(models),
            ModelTable.Pricing(models),
            ModelTable.Shaper(models));

    private static ChatRouteOptions Route(string fallbackModelIds = "model-b") => new()
    {
        ModelId = "model-a",
        FallbackModelIds = fallbackModelIds,
        MaxTokens = 256,
        SystemPrompt = "You recommend manga.",
        FirstTokenTimeout = FirstTokenTimeout,
        IdleTimeout = IdleTimeout,
        TotalTimeout = TimeSpan.FromMinutes(1),
    };

    private Task<GenerationResult> GenerateAsync(ResilientAnswerGenerator sut, ChatRouteOptions? route = null, CancellationToken cancellationToken = default) =>
        sut.GenerateAsync(Prompt, route ?? Route(), _delivered.Add, cancellationToken);

    private async Task OpenCircuitAsync(string model)
    {
        var failure = AttemptOutcome.Failed(model, new BedrockException(BedrockErrorKind.ServiceUnavailable, "Down.", 503));
        for (var i = 0; i < _options.CircuitMinimumThroughput; i++)
        {
            await Breakers.ExecuteAsync(model, static (f, _, _) => ValueTask.FromResult(f), failure, CancellationToken.None);
        }
    }

    [Fact]
    public async Task GenerateAsync_FailureBeforeTheFirstToken_RetriesTheSameModelFromTheStart()
    {
        _model.Fails(BedrockErrorKind.ModelStreamError).Answers("Try ", "Vinland Saga.");

        var result = await GenerateAsync(CreateSut()).WaitAsync(Patience);

        result.Completed.ShouldBeTrue();
        result.Text.ShouldBe("Try Vinland Saga.");
        string.Concat(_delivered).ShouldBe("Try Vinland Saga.");
        _model.Calls.Select(c => c.ModelId).ShouldBe(["model-a", "model-a"]);
        _model.Calls[1].Prefill.ShouldBeNull();
        _model.Calls[1].Messages.ShouldBe(Prompt);
    }

    [Fact]
    public async Task GenerateAsync_EveryModelCallCarriesTheAnswersReadPacing()
    {
        _model.Fails(BedrockErrorKind.ConnectionReset, retryAfter: null, "Try", " ").Answers(" Vinland", " Saga.");
        var coalescer = new DeltaCoalescer(() => TimeSpan.FromMilliseconds(50), 1000, TimeProvider.System);

        var result = await CreateSut().GenerateAsync(Prompt, Route(), _delivered.Add, CancellationToken.None, readPacing: coalescer).WaitAsync(Patience);

        result.Completed.ShouldBeTrue();
        _model.Calls.Count.ShouldBe(2);
        _model.Calls.ShouldAllBe(c => c.Options!.AdditionalProperties![BedrockRequestExtras.ReadPacing] == coalescer);
    }

    [Fact]
    public async Task GenerateAsync_StreamBreaksAfterText_ContinuesWithoutRepeatingOrLosingText()
    {
        // Bedrock refuses a prefill ending in whitespace, so the continuation repeats the space: it must not reach the client twice.
        _model.Fails(BedrockErrorKind.ConnectionReset, retryAfter: null, "Try", " ").Answers(" Vinland", " Saga.");

        var result = await GenerateAsync(CreateSut()).WaitAsync(Patience);

        result.Completed.ShouldBeTrue();
        string.Concat(_delivered).ShouldBe("Try Vinland Saga.");
        result.Text.ShouldBe("Try Vinland Saga.");
        _model.Calls[1].Prefill.ShouldBe("Try");
        _model.Calls[1].ModelId.ShouldBe("model-a");
    }

    [Fact]
    public async Task GenerateAsync_ModelRefusesPrefill_ContinuesWithAQuotedUserTurnAndDropsTheEcho()
    {
        _model.Fails(BedrockErrorKind.ConnectionReset, retryAfter: null, "Try", " Vinland ").Answers("Try Vin", "land", " Saga.");

        var result = await GenerateAsync(CreateSut(models: ModelTable.WithoutPrefill("model-a"))).WaitAsync(Patience);

        result.Completed.ShouldBeTrue();
        string.Concat(_delivered).ShouldBe("Try Vinland Saga.");
        var continuation = _model.Calls[1];
        continuation.Prefill.ShouldBeNull();
        continuation.Messages.Count.ShouldBe(Prompt.Count + 2);
        continuation.Messages[^2].Role.ShouldBe(ChatRole.Assistant);
        continuation.Messages[^2].Text.ShouldBe("Try Vinland");
        continuation.Messages[^1].Role.ShouldBe(ChatRole.User);
        continuation.Messages[^1].Text.ShouldContain("«Try Vinland»");
    }

    [Fact]
    public async Task GenerateAsync_QuotedContinuationRephrased_EndsUnfinishedWithOnlyTheTextBefore()
    {
        _model.Fails(BedrockErrorKind.ConnectionReset, retryAfter: null, "Try", " Vinland").Answers("You could try", " Vinland Saga.");

        var result = await GenerateAsync(CreateSut(models: ModelTable.WithoutPrefill("model-a"))).WaitAsync(Patience);

        result.Completed.ShouldBeFalse();
        result.Outcome.Result.ShouldBe(AttemptResult.ContinuationMismatch);
        string.Concat(_delivered).ShouldBe("Try Vinland");
        _model.Calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task GenerateAsync_JapaneseConversation_AsksToContinueInJapanese()
    {
        IReadOnlyList<ChatMessage> japanese = [new(ChatRole.System, "You recommend manga."), new(ChatRole.User, "おすすめの少年漫画は？")];
        _model.Fails(BedrockErrorKind.ConnectionReset, retryAfter: null, "『ワンピース』は").Answers("『ワンピース』は", "名作です。");
        var sut = CreateSut(models: ModelTable.WithoutPrefill("model-a"));

        var result = await sut.GenerateAsync(japanese, Route(), _delivered.Add, CancellationToken.None).WaitAsync(Patience);

        result.Completed.ShouldBeTrue();
        string.Concat(_delivered).ShouldBe("『ワンピース』は名作です。");
        _model.Calls[1].Messages[^1].Text.ShouldStartWith("直前の回答は途中で途切れました");
    }

    [Fact]
    public async Task GenerateAsync_FallbackFromAPrefillModelToOneWithout_SwitchesToTheQuotedContinuation()
    {
        _model.Fails(BedrockErrorKind.ModelStreamError, retryAfter: null, "Try").Fails(BedrockErrorKind.Throttling).Answers("Try", " Berserk.");

        var result = await GenerateAsync(CreateSut(models: ModelTable.WithoutPrefill("model-b"))).WaitAsync(Patience);

        result.Completed.ShouldBeTrue();
        string.Concat(_delivered).ShouldBe("Try Berserk.");
        _model.Calls.Select(c => c.ModelId).ShouldBe(["model-a", "model-a", "model-b"]);
        _model.Calls[1].Prefill.ShouldBe("Try");
        _model.Calls[2].Prefill.ShouldBeNull();
        _model.Calls[2].Messages[^1].Text.ShouldContain("«Try»");
    }

    [Fact]
    public async Task GenerateAsync_Throttled_FallsBackToTheRouteNextModel()
    {
        _model.Fails(BedrockErrorKind.Throttling).Answers("Try Berserk.");

        var result = await GenerateAsync(CreateSut()).WaitAsync(Patience);

        result.Completed.ShouldBeTrue();
        result.Model.ShouldBe("model-b");
        _model.Calls.Select(c => c.ModelId).ShouldBe(["model-a", "model-b"]);
    }

    [Fact]
    public async Task GenerateAsync_CircuitOpen_GoesStraightToTheNextModel()
    {
        await OpenCircuitAsync("model-a");
        _model.Answers("Try Berserk.");

        var result = await GenerateAsync(CreateSut()).WaitAsync(Patience);

        result.Completed.ShouldBeTrue();
        _model.Calls.Select(c => c.ModelId).ShouldBe(["model-b"]);
    }

    [Fact]
    public async Task GenerateAsync_CircuitOpenOnTheLastModel_FailsFastWithoutCallingIt()
    {
        await OpenCircuitAsync("model-a");

        var result = await GenerateAsync(CreateSut(), Route(fallbackModelIds: "")).WaitAsync(Patience);

        result.Completed.ShouldBeFalse();
        result.Outcome.Result.ShouldBe(AttemptResult.CircuitOpen);
        _model.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task GenerateAsync_RetryBudgetEmpty_DoesNotRetry()
    {
        _model.Fails(BedrockErrorKind.ConnectionReset).Answers("never sent");
        var empty = new RetryBudget(ratio: 0, minimumPerSecond: 0, TimeSpan.FromSeconds(10), _time);

        var result = await GenerateAsync(CreateSut(empty)).WaitAsync(Patience);

        result.Completed.ShouldBeFalse();
        result.Outcome.Failure.ShouldNotBeNull().Kind.ShouldBe(BedrockErrorKind.ConnectionReset);
        _model.Calls.Count.ShouldBe(1);
        _delivered.ShouldBeEmpty();
    }

    [Fact]
    public async Task GenerateAsync_KeepsFailing_StopsAtMaxAttempts()
    {
        _options.MaxAttempts = 3;
        for (var i = 0; i < 5; i++)
        {
            _model.Fails(BedrockErrorKind.ModelStreamError);
        }

        var result = await GenerateAsync(CreateSut()).WaitAsync(Patience);

        result.Completed.ShouldBeFalse();
        _model.Calls.Count.ShouldBe(3);
    }

    [Fact]
    public async Task GenerateAsync_NoFirstToken_TimesOutAndFallsBack()
    {
        _model.Stalls().Answers("Try Berserk.");
        var generation = GenerateAsync(CreateSut());
        await _model.StalledAsync(1);

        _time.Advance(FirstTokenTimeout - Tick);
        _model.Calls.Count.ShouldBe(1);
        _time.Advance(Tick);

        var result = await generation.WaitAsync(Patience);
        result.Completed.ShouldBeTrue();
        _model.Calls[0].CancellationToken.IsCancellationRequested.ShouldBeTrue();
        _model.Calls.Select(c => c.ModelId).ShouldBe(["model-a", "model-b"]);
    }

    [Fact]
    public async Task GenerateAsync_SilenceAfterText_IdleTimeoutContinuesTheAnswerOnTheNextModel()
    {
        _model.Stalls("Try Ber").Answers("serk.");
        var generation = GenerateAsync(CreateSut());
        await _model.StalledAsync(1);

        _time.Advance(IdleTimeout - Tick);
        _model.Calls.Count.ShouldBe(1);
        _time.Advance(Tick);

        var result = await generation.WaitAsync(Patience);
        result.Completed.ShouldBeTrue();
        string.Concat(_delivered).ShouldBe("Try Berserk.");
        _model.Calls[1].Prefill.ShouldBe("Try Ber");
        _model.Calls[1].ModelId.ShouldBe("model-b");
    }

    [Fact]
    public async Task GenerateAsync_RequestCancelled_StopsTheModelCallAndPropagates()
    {
        _model.Stalls("Try");
        using var request = new CancellationTokenSource();
        var generation = GenerateAsync(CreateSut(), cancellationToken: request.Token);
        await _model.StalledAsync(1);

        await request.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(generation.WaitAsync(Patience));
        _model.Calls.Single().CancellationToken.IsCancellationRequested.ShouldBeTrue();
    }
}
