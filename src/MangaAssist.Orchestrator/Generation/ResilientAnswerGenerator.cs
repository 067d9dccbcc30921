using MangaAssist.SharedState.ResponseCache;
using System.Diagnostics;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Aws.EventStreams;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// Produces one answer from Bedrock and survives what Bedrock does under load. A call that fails
/// before any text is retried (with backoff and jitter, honouring Bedrock's hint); a stream that
/// breaks part-way is continued from the text already delivered, as the assistant's partial turn,
/// so the client sees neither a gap nor a repeat; a throttled or unavailable model, or one whose
/// circuit is open, hands over to the next model of the route's chain. Retries draw on the
/// instance's <see cref="RetryBudget"/>.
/// </summary>
public sealed class ResilientAnswerGenerator
{
    private static readonly ResiliencePropertyKey<GenerationState> StateKey = new("mangaassist.generation");

    private readonly IChatClient _chat;
    private readonly RetryBudget _budget;
    private readonly ModelCircuitBreakers _breakers;
    private readonly TimeProvider _timeProvider;
    private readonly ResilienceTelemetry _telemetry;
    private readonly ILogger<ResilientAnswerGenerator> _logger;
    private readonly ResilienceOptions _options;
    private readonly ResiliencePipeline<AttemptOutcome> _retry;
    private readonly ContinuationStrategies _continuations;
    private readonly AnswerPricing _pricing;
    private readonly ConversePromptShaper _shaper;
    private readonly FailoverPolicy _failover;
    private readonly UpdateApplier _applier;
    private readonly StallPace _pace;
    private readonly ModelCalls _calls;

    public ResilientAnswerGenerator(
        IChatClient chat,
        RetryBudget budget,
        ModelCircuitBreakers breakers,
        IOptions<ResilienceOptions> options,
        TimeProvider timeProvider,
        Randomizer randomizer,
        ResilienceTelemetry telemetry,
        ILogger<ResilientAnswerGenerator> logger,
        ContinuationStrategies continuations,
        AnswerPricing pricing,
        ConversePromptShaper shaper)
    {
        _shaper = shaper;
        _continuations = continuations;
        _pricing = pricing;
        _chat = chat;
        _budget = budget;
        _breakers = breakers;
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _logger = logger;
        _options = options.Value;
        _failover = new FailoverPolicy(options);
        _applier = new UpdateApplier(pricing);
        _calls = new ModelCalls(chat, budget, breakers, telemetry, logger, shaper, _options);
        _pace = new StallPace(_options.StallMinTokens, _options.StallGapMultiplier, _options.StallFloor);
        _retry = new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                MaxRetryAttempts = _options.MaxAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Randomizer = randomizer.NextDouble,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context.Properties.GetValue(StateKey, null!), args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryDelay(args.Context.Properties.GetValue(StateKey, null!), args.Outcome.Result)),
                OnRetry = args =>
                {
                    PrepareNextAttempt(args.Context.Properties.GetValue(StateKey, null!), args.Outcome.Result!, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// Generates the answer to <paramref name="prompt"/>, handing each new piece of text to
    /// <paramref name="onText"/> exactly once, in order. Cancellation of the request propagates.
    /// </summary>
    /// <param name="alreadyDelivered">Text the client already has (from a shared answer that broke off): the answer continues it.</param>
    /// <param name="question">The shopper's own words, which end the prompt's last user turn: what a guardrail assesses.</param>
    /// <param name="route">The client action answered, for spend by route.</param>
    /// <param name="readPacing">How the model streams' socket reads are spaced out: the coalescer that <paramref name="onText"/> feeds.</param>
    public async Task<GenerationResult> GenerateAsync(
        IReadOnlyList<ChatMessage> prompt, ChatRouteOptions profile, Action<string> onText, CancellationToken cancellationToken,
        string alreadyDelivered = "", string? question = null, string route = "", IStreamReadPacing? readPacing = null)
    {
        var state = new GenerationState(prompt, profile, onText) { Question = question, Route = route, ReadPacing = readPacing };
        state.Produced.Append(alreadyDelivered);
        _budget.RecordRequest();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            var outcome = await _retry.ExecuteAsync(
                static (ctx, self) => self.AttemptAsync(ctx.Properties.GetValue(StateKey, null!), ctx.CancellationToken),
                context,
                this);
            if (outcome.Result == AttemptResult.Completed)
            {
                _budget.RecordSuccess();
            }

            return new GenerationResult(outcome, state.AnsweredBy ?? outcome.Model, state.StopReason,
                _pricing.WithCost(state.Usage(), state.PriceUsd), state.Produced.ToString());
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ValueTask<AttemptOutcome> AttemptAsync(GenerationState state, CancellationToken cancellationToken)
    {
        state.Attempts++;
        return _breakers.ExecuteAsync(state.CurrentModel, static (s, health, ct) => s.self.StreamOnceAsync(s.state, health, ct), (self: this, state), cancellationToken);
    }

    /// <summary>One ConverseStream call (hedged while it has not spoken): from the start, or continuing the text already delivered.</summary>
    /// <param name="health">Told when the model answered: its circuit counts the call a success then, not at the stream's end.</param>
    private async ValueTask<AttemptOutcome> StreamOnceAsync(GenerationState state, ModelCallHealth health, CancellationToken requestToken)
    {
        var model = state.CurrentModel;
        var continuing = state.Produced.Length > 0;
        var prompt = _shaper.Shape(state.Prompt, model, state.Profile.Bedrock, state.Question);
        var messages = prompt;
        IContinuationAligner? aligner = null;
        if (continuing)
        {
            // Prefill where the model allows it, else a continuation asked in words (the capability table decides).
            var plan = _continuations.For(model).Plan(prompt, state.Produced.ToString());
            (messages, aligner) = (plan.Messages, plan.Aligner);
        }

        state.AttemptTimeout = null;
        state.StopReason = null;
        state.AttemptDeltas = 0;
        state.AttemptUsageReported = false;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(requestToken);
        using var watchdog = new AttemptWatchdog(state.Profile.FirstTokenTimeout, state.Profile.IdleTimeout, _timeProvider, reason =>
        {
            state.AttemptTimeout = reason;
            attempt.Cancel();
        }, _pace);

        // The chat client traces each call itself (a GenAI client span, see BedrockChatTelemetry); retries and
        // their reasons are events on the request's chat span.
        Contender? primary = null, hedge = null, speaker = null;
        try
        {
            primary = _calls.Open(state, model, messages, attempt.Token);
            var hedgeAfter = continuing || !state.HasNextModel ? TimeSpan.Zero : state.Profile.FirstTokenTimeout * _options.HedgeAfterShare;
            var (winner, loser) = await FirstTokenHedge.RaceAsync(
                primary, hedgeAfter, () => hedge = _calls.TryHedge(state, attempt.Token), _timeProvider, attempt.Token);
            await _applier.DismissLoserAsync(state, loser);
            speaker = winner;
            if (winner.Spoke)
            {
                health.MarkAnswered();
            }

            if (winner == hedge)
            {
                // The hedge spoke first: the answer is now the next model's.
                state.ModelIndex++;
                state.RetriesOnModel = 0;
                _telemetry.RecordFallback(model, winner.Model);
                model = winner.Model;
            }

            await foreach (var update in winner.ReadAllAsync())
            {
                _applier.Apply(state, update, watchdog, aligner, model);
                if (aligner is { Mismatched: true })
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!requestToken.IsCancellationRequested && state.AttemptTimeout is { } timeout)
        {
            return AttemptOutcome.TimedOut(model, timeout);
        }
        catch (BedrockException failure)
        {
            return AttemptOutcome.Failed(model, failure);
        }
        finally
        {
            await ModelCalls.DisposeAsync(primary, hedge);
            _applier.ChargeUnreported(state, speaker);
        }

        return AttemptEnding.Of(state, model, aligner, continuing);
    }

    private bool ShouldRetry(GenerationState state, Outcome<AttemptOutcome> outcome)
    {
        if (outcome.Result is { Failure.Kind: BedrockErrorKind.InputTooLong })
        {
            // Once: a trimmed prompt either fits or the answer ends with input_too_long. A refusal costs no budget.
            return TryTrim(state);
        }

        if (outcome.Result is not { IsRetryable: true } failed || state.Attempts >= _options.MaxAttempts)
        {
            return false;
        }

        state.SwitchModel = state.HasNextModel && _failover.SwitchesModel(failed, state.RetriesOnModel);
        if (failed.Result == AttemptResult.CircuitOpen)
        {
            // Skipping to the next model costs Bedrock nothing, so it draws nothing from the budget.
            return state.HasNextModel;
        }

        if (!_budget.TryAcquire(failed.IsTimeout))
        {
            _telemetry.RecordBudgetExhausted();
            Log.RetryBudgetExhausted(_logger, failed.Model, failed.Reason, _budget.Available);
            return false;
        }

        return true;
    }

    private bool TryTrim(GenerationState state)
    {
        if (state.PromptTrimmed || state.Produced.Length > 0 || state.Attempts >= _options.MaxAttempts)
        {
            return false;
        }

        state.PromptTrimmed = true;
        state.SwitchModel = false;
        var trim = PromptTrimmer.Trim(state.Prompt);
        Log.PromptTrimmed(_logger, state.CurrentModel, trim.HistoryTurnsDropped, trim.PassagesDropped);
        Activity.Current?.AddEvent(new ActivityEvent("prompt_trimmed", tags: new ActivityTagsCollection
        {
            ["mangaassist.trim.history_turns"] = trim.HistoryTurnsDropped,
            ["mangaassist.trim.passages"] = trim.PassagesDropped,
        }));
        state.Prompt = trim.Messages;
        return trim.Trimmed;
    }

    private TimeSpan? RetryDelay(GenerationState state, AttemptOutcome? outcome) => outcome switch
    {
        { Result: AttemptResult.CircuitOpen } or { Failure.Kind: BedrockErrorKind.InputTooLong } => TimeSpan.Zero,

        // Bedrock's hint is about the model that gave it; the next model starts on the ordinary backoff.
        { RetryAfter: { } hint } when hint > TimeSpan.Zero && !state.SwitchModel => hint < _options.RetryMaxDelay ? hint : _options.RetryMaxDelay,
        _ => null,
    };

    private void PrepareNextAttempt(GenerationState state, AttemptOutcome failed, TimeSpan delay)
    {
        var continuation = state.Produced.Length > 0;
        var from = state.CurrentModel;
        if (state.SwitchModel)
        {
            state.ModelIndex++;
            state.RetriesOnModel = 0;
            _telemetry.RecordFallback(from, state.CurrentModel);
        }
        else
        {
            state.RetriesOnModel++;
        }

        _telemetry.RecordRetry(failed.Reason, continuation);
        Log.Retrying(_logger, from, failed.Reason, state.CurrentModel, state.Attempts + 1, delay.TotalMilliseconds, continuation);
        Activity.Current?.AddEvent(new ActivityEvent(continuation ? "continuation" : "retry", tags: new ActivityTagsCollection
        {
            ["mangaassist.retry.reason"] = failed.Reason,
            ["mangaassist.retry.attempt"] = state.Attempts + 1,
            ["mangaassist.retry.delay_ms"] = delay.TotalMilliseconds,
            ["gen_ai.request.model"] = state.CurrentModel,
            ["mangaassist.fallback.from"] = from,
        }));
    }
}
