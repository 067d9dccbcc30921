using MangaAssist.SharedState.ResponseCache;
using System.Diagnostics;
using MangaAssist.Aws.Bedrock;
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
    private const string GuardrailStopReason = "guardrail_intervened";
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
                DelayGenerator = args => ValueTask.FromResult(RetryDelay(args.Outcome.Result)),
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
    public async Task<GenerationResult> GenerateAsync(
        IReadOnlyList<ChatMessage> prompt, ChatRouteOptions profile, Action<string> onText, CancellationToken cancellationToken, string alreadyDelivered = "", string? question = null, string route = "")
    {
        var state = new GenerationState(prompt, profile, onText) { Question = question, Route = route };
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
        return _breakers.ExecuteAsync(state.CurrentModel, (s, ct) => s.self.StreamOnceAsync(s.state, ct), (self: this, state), cancellationToken);
    }

    /// <summary>One ConverseStream call: from the start, or continuing the text already delivered.</summary>
    private async ValueTask<AttemptOutcome> StreamOnceAsync(GenerationState state, CancellationToken requestToken)
    {
        var model = state.CurrentModel;
        var prompt = _shaper.Shape(state.Prompt, model, state.Profile.Bedrock, state.Question);
        var messages = prompt;
        IContinuationAligner? aligner = null;
        if (state.Produced.Length > 0)
        {
            // Prefill where the model allows it, else a continuation asked in words (the capability table decides).
            var plan = _continuations.For(model).Plan(prompt, state.Produced.ToString());
            (messages, aligner) = (plan.Messages, plan.Aligner);
        }

        state.AttemptTimeout = null;
        state.StopReason = null;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(requestToken);
        using var watchdog = new AttemptWatchdog(state.Profile.FirstTokenTimeout, state.Profile.IdleTimeout, _timeProvider, reason =>
        {
            state.AttemptTimeout = reason;
            attempt.Cancel();
        });

        var options = new ChatOptions
        {
            ModelId = model,
            MaxOutputTokens = state.Profile.MaxTokens,
            Temperature = state.Profile.Temperature,
        };
        ConversePromptShaper.ApplyRoute(options, state.Profile.Bedrock);

        // The chat client traces each call itself (a GenAI client span, see BedrockChatTelemetry); retries and
        // their reasons are events on the request's chat span.
        try
        {
            await foreach (var update in _chat.GetStreamingResponseAsync(messages, options, attempt.Token))
            {
                Apply(state, update, watchdog, aligner, model);
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

        if (aligner is { Mismatched: true } || (aligner is { Joined: false } && state.StopReason is not null))
        {
            // The model did not resume where it was asked to: joining its text would repeat or skip some.
            return AttemptOutcome.ContinuationMismatch(model);
        }

        if (state.StopReason is null)
        {
            return AttemptOutcome.Failed(model, new BedrockException(BedrockErrorKind.ConnectionReset, "The stream ended without messageStop.", inStream: true));
        }

        if (state.StopReason == GuardrailStopReason)
        {
            // The guardrail's message was the last text delivered; the answer ends here, unfinished.
            return AttemptOutcome.GuardrailIntervened(model);
        }

        state.AnsweredBy = model;
        return AttemptOutcome.Completed(model);
    }

    private void Apply(GenerationState state, ChatResponseUpdate update, AttemptWatchdog watchdog, IContinuationAligner? aligner, string model)
    {
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text:
                    watchdog.OnToken();
                    var fresh = aligner is null ? text.Text : aligner.Accept(text.Text);
                    if (fresh.Length > 0)
                    {
                        state.Produced.Append(fresh);
                        state.OnText(fresh);
                    }

                    break;
                case UsageContent usage:
                    state.InputTokens += usage.Details.InputTokenCount ?? 0;
                    state.OutputTokens += usage.Details.OutputTokenCount ?? 0;
                    state.CacheReadTokens += usage.Details.CachedInputTokenCount ?? 0;
                    state.CacheWriteTokens += BedrockUsage.CacheWriteTokens(usage.Details);
                    state.PriceUsd += _pricing.Charge(state.Route, model, usage.Details);
                    break;
            }
        }

        if (update.FinishReason is { } finish)
        {
            state.StopReason = update.AdditionalProperties?.TryGetValue("stopReason", out var raw) == true && raw is string rawReason
                ? rawReason
                : finish.Value;
        }
    }

    private bool ShouldRetry(GenerationState state, Outcome<AttemptOutcome> outcome)
    {
        if (outcome.Result is not { IsRetryable: true } failed || state.Attempts >= _options.MaxAttempts)
        {
            return false;
        }

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

    private TimeSpan? RetryDelay(AttemptOutcome? outcome) => outcome switch
    {
        { Result: AttemptResult.CircuitOpen } => TimeSpan.Zero,
        { RetryAfter: { } hint } when hint > TimeSpan.Zero => hint < _options.RetryMaxDelay ? hint : _options.RetryMaxDelay,
        _ => null,
    };

    private void PrepareNextAttempt(GenerationState state, AttemptOutcome failed, TimeSpan delay)
    {
        var continuation = state.Produced.Length > 0;
        var from = state.CurrentModel;
        if (failed.PrefersFallback && state.HasNextModel)
        {
            state.ModelIndex++;
            _telemetry.RecordFallback(from, state.CurrentModel);
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
