using MangaAssist.Aws.Bedrock;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// Takes one streamed update into the answer: new text to the client (once, through the continuation's
/// aligner), usage and its price into the totals, and the stop reason as Bedrock spelled it.
/// </summary>
public sealed class UpdateApplier(AnswerPricing pricing)
{
    public void Apply(GenerationState state, ChatResponseUpdate update, AttemptWatchdog watchdog, IContinuationAligner? aligner, string model)
    {
        // Indexed, not foreach: this runs per token, and the interface enumerator would be an allocation each time.
        var contents = update.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            switch (contents[i])
            {
                case TextContent { Text.Length: > 0 } text:
                    watchdog.OnToken();
                    state.AttemptDeltas++;
                    var fresh = aligner is null ? text.Text : aligner.Accept(text.Text);
                    if (fresh.Length > 0)
                    {
                        state.Produced.Append(fresh);
                        state.OnText(fresh);
                    }

                    break;
                case UsageContent usage:
                    state.AttemptUsageReported = true;
                    state.InputTokens += usage.Details.InputTokenCount ?? 0;
                    state.OutputTokens += usage.Details.OutputTokenCount ?? 0;
                    state.CacheReadTokens += usage.Details.CachedInputTokenCount ?? 0;
                    state.CacheWriteTokens += BedrockUsage.CacheWriteTokens(usage.Details);
                    state.PriceUsd += pricing.Charge(state.Route, model, usage.Details);
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

    /// <summary>Cancels a first-token race's loser, which still cost its input: counted in the answer's price and the spend window.</summary>
    public async ValueTask DismissLoserAsync(GenerationState state, Contender? loser)
    {
        if (loser is null)
        {
            return;
        }

        await loser.DisposeAsync();
        state.PriceUsd += pricing.Charge(state.Route, loser.Model, new UsageDetails { InputTokenCount = loser.EstimatedInputTokens });
    }

    /// <summary>
    /// A call that streamed but broke before its usage event was still billed by Bedrock: its input (estimated)
    /// and one output token per delta it streamed go into the answer's usage, price and spend.
    /// </summary>
    public void ChargeUnreported(GenerationState state, Contender? speaker)
    {
        if (speaker is null || state.AttemptUsageReported)
        {
            return;
        }

        var usage = new UsageDetails { InputTokenCount = speaker.EstimatedInputTokens, OutputTokenCount = state.AttemptDeltas };
        state.InputTokens += speaker.EstimatedInputTokens;
        state.OutputTokens += state.AttemptDeltas;
        state.PriceUsd += pricing.Charge(state.Route, speaker.Model, usage);
    }
}
