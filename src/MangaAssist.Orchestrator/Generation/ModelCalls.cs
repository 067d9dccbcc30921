using System.Diagnostics;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// Opens model calls for an answer: the attempt's own call, and the hedge beside it when the chain, the
/// attempts, the next model's circuit and the retry budget allow one. A hedge is a retry: it is counted
/// as an attempt and paid from the budget.
/// </summary>
public sealed class ModelCalls(
    IChatClient chat, RetryBudget budget, ModelCircuitBreakers breakers, ResilienceTelemetry telemetry, ILogger logger, ConversePromptShaper shaper, ResilienceOptions options)
{
    public Contender Open(GenerationState state, string model, IReadOnlyList<ChatMessage> messages, CancellationToken token)
    {
        var call = new ChatOptions
        {
            ModelId = model,
            MaxOutputTokens = state.Profile.MaxTokens,
            Temperature = state.Profile.Temperature,
        };
        ConversePromptShaper.ApplyRoute(call, state.Profile.Bedrock);
        if (state.ReadPacing is { } pacing)
        {
            (call.AdditionalProperties ??= [])[BedrockRequestExtras.ReadPacing] = pacing;
        }

        return new Contender(model, messages, ct => chat.GetStreamingResponseAsync(messages, call, ct), token);
    }

    /// <summary>Starts the next model beside a silent one, when the chain, the attempts, its circuit and the budget allow.</summary>
    public Contender? TryHedge(GenerationState state, CancellationToken token)
    {
        if (!state.HasNextModel || state.Attempts >= options.MaxAttempts || breakers.IsOpen(state.Chain[state.ModelIndex + 1]))
        {
            return null;
        }

        if (!budget.TryAcquire(afterTimeout: false))
        {
            telemetry.RecordBudgetExhausted();
            return null;
        }

        var next = state.Chain[state.ModelIndex + 1];
        state.Attempts++;
        telemetry.RecordRetry("hedge", continuation: false);
        Log.Hedging(logger, state.CurrentModel, next, state.Attempts);
        Activity.Current?.AddEvent(new ActivityEvent("hedge", tags: new ActivityTagsCollection
        {
            ["gen_ai.request.model"] = next,
            ["mangaassist.fallback.from"] = state.CurrentModel,
        }));
        return Open(state, next, shaper.Shape(state.Prompt, next, state.Profile.Bedrock, state.Question), token);
    }

    public static async ValueTask DisposeAsync(Contender? primary, Contender? hedge)
    {
        if (primary is not null)
        {
            await primary.DisposeAsync();
        }

        if (hedge is not null)
        {
            await hedge.DisposeAsync();
        }
    }
}
