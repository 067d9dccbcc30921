using System.Diagnostics.Metrics;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation;

/// <summary>How the answer generator spaces its retries (hint, cap, jitter) and what they cost the retry budget.</summary>
public sealed class RetryBudgetJitterTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);
    private static readonly IReadOnlyList<ChatMessage> Prompt = [new(ChatRole.User, "Something like One Piece?")];

    private readonly FakeTimeProvider _time = new();
    private readonly FakeChatClient _model = new();
    private readonly IMeterFactory _meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public void Dispose() => _model.Dispose();

    private ResilientAnswerGenerator CreateSut(double random = 0.5, RetryBudget? budget = null, ModelCircuitBreakers? breakers = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ResilienceOptions { RetryBaseDelay = BaseDelay, RetryMaxDelay = MaxDelay, HedgeAfterShare = 0 });
        return new ResilientAnswerGenerator(
            _model,
            budget ?? new RetryBudget(ratio: 1, minimumPerSecond: 10, TimeSpan.FromSeconds(10), _time),
            breakers ?? CreateBreakers(),
            options,
            _time,
            new Randomizer(() => random),
            new ResilienceTelemetry(_meters),
            NullLogger<ResilientAnswerGenerator>.Instance,
            ModelTable.Strategies(),
            ModelTable.Pricing(),
            ModelTable.Shaper());
    }

    private ModelCircuitBreakers CreateBreakers() => new(
        Microsoft.Extensions.Options.Options.Create(new ResilienceOptions { CircuitMinimumThroughput = 2, CircuitFailureRatio = 0.5 }),
        _time,
        new ResilienceTelemetry(_meters),
        NullLogger<ModelCircuitBreakers>.Instance);

    private static ChatRouteOptions Route() => new()
    {
        ModelId = "model-a",
        FallbackModelIds = "model-b",
        MaxTokens = 256,
        SystemPrompt = "You recommend manga.",
        FirstTokenTimeout = TimeSpan.FromSeconds(10),
        IdleTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromMinutes(1),
    };

    // Timer continuations must run inside FakeTimeProvider.Advance, which xUnit's synchronization context would defer.
    private static Task OffTheTestContext(Func<Task> test) => Task.Run(test);

    private static Task<GenerationResult> GenerateAsync(ResilientAnswerGenerator sut) => sut.GenerateAsync(Prompt, Route(), static _ => { }, CancellationToken.None);

    [Fact]
    public Task GenerateAsync_BedrockHint_WaitsExactlyTheHint() => OffTheTestContext(async () =>
    {
        _model.Fails(BedrockErrorKind.ModelStreamError, retryAfter: TimeSpan.FromSeconds(2)).Answers("Try Berserk.");
        var generation = GenerateAsync(CreateSut());

        _time.Advance(TimeSpan.FromSeconds(2) - Tick);
        _model.Calls.Count.ShouldBe(1);
        _time.Advance(Tick);

        (await generation.WaitAsync(Patience)).Completed.ShouldBeTrue();
        _model.Calls.Count.ShouldBe(2);
    });

    [Fact]
    public Task GenerateAsync_HintLongerThanTheMaximum_WaitsTheMaximum() => OffTheTestContext(async () =>
    {
        _model.Fails(BedrockErrorKind.ModelStreamError, retryAfter: TimeSpan.FromMinutes(1)).Answers("Try Berserk.");
        var generation = GenerateAsync(CreateSut());

        _time.Advance(MaxDelay - Tick);
        _model.Calls.Count.ShouldBe(1);
        _time.Advance(Tick);

        (await generation.WaitAsync(Patience)).Completed.ShouldBeTrue();
    });

    [Fact]
    public Task GenerateAsync_RandomizerAtZero_RetriesAtOnce() => OffTheTestContext(async () =>
    {
        _model.Fails(BedrockErrorKind.ModelStreamError).Answers("Try Berserk.");

        var result = await GenerateAsync(CreateSut(random: 0)).WaitAsync(Patience);

        result.Completed.ShouldBeTrue();
        _model.Calls.Count.ShouldBe(2);
    });

    [Fact]
    public Task GenerateAsync_RandomizerAtHalf_WaitsPartOfTheBaseDelay() => OffTheTestContext(async () =>
    {
        // Polly's decorrelated jitter puts the first retry, for 0.5, at about 0.9 of the base delay.
        _model.Fails(BedrockErrorKind.ModelStreamError).Answers("Try Berserk.");
        var generation = GenerateAsync(CreateSut(random: 0.5));

        _time.Advance(BaseDelay / 2);
        _model.Calls.Count.ShouldBe(1);
        _time.Advance(BaseDelay / 2);

        (await generation.WaitAsync(Patience)).Completed.ShouldBeTrue();
    });

    [Fact]
    public async Task GenerateAsync_TimeoutRetry_CostsTwiceAnOrdinaryRetry()
    {
        // A one-token budget pays for a retry after a failure but not after a timeout.
        _model.Fails(BedrockErrorKind.ModelStreamError).Answers("Try Berserk.");
        var ordinary = await GenerateAsync(CreateSut(random: 0, budget: OneRetryBudget())).WaitAsync(Patience);
        ordinary.Completed.ShouldBeTrue();

        _model.Stalls().Answers("never sent");
        var generation = GenerateAsync(CreateSut(random: 0, budget: OneRetryBudget()));
        await _model.StalledAsync(3);
        _time.Advance(Route().FirstTokenTimeout);

        var timedOut = await generation.WaitAsync(Patience);
        timedOut.Completed.ShouldBeFalse();
        timedOut.Outcome.IsTimeout.ShouldBeTrue();
        _model.Calls.Count.ShouldBe(3);
    }

    [Fact]
    public async Task GenerateAsync_SkippingAnOpenCircuit_DrawsNothingFromTheBudget()
    {
        var breakers = CreateBreakers();
        var down = AttemptOutcome.Failed("model-a", new BedrockException(BedrockErrorKind.ServiceUnavailable, "Down.", 503));
        for (var i = 0; i < 2; i++)
        {
            await breakers.ExecuteAsync("model-a", static (f, _, _) => ValueTask.FromResult(f), down, CancellationToken.None);
        }

        _model.Answers("Try Berserk.");
        var empty = new RetryBudget(ratio: 0, minimumPerSecond: 0, TimeSpan.FromSeconds(10), _time);

        var result = await GenerateAsync(CreateSut(budget: empty, breakers: breakers)).WaitAsync(Patience);

        result.Completed.ShouldBeTrue();
        _model.Calls.Single().ModelId.ShouldBe("model-b");
    }

    private RetryBudget OneRetryBudget() => new(ratio: 0, minimumPerSecond: 1, TimeSpan.FromSeconds(1), _time);
}
