using MangaAssist.Aws.Bedrock;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// The outcome of a model call that ran to its end. Truncation honesty lives here: a stream without a stop
/// reason, a guardrail or content filter, or a continuation cut at its token limit never counts as complete.
/// </summary>
public static class AttemptEnding
{
    private const string GuardrailStopReason = "guardrail_intervened";
    private const string ContentFilteredStopReason = "content_filtered";
    private const string MaxTokensStopReason = "max_tokens";

    /// <summary>How a call that ran to its end ended: only a stop reason that finishes the answer completes it.</summary>
    public static AttemptOutcome Of(GenerationState state, string model, IContinuationAligner? aligner, bool continuing)
    {
        if (aligner is { Mismatched: true } || (aligner is { Joined: false } && state.StopReason is not null))
        {
            // The model did not resume where it was asked to: joining its text would repeat or skip some.
            return AttemptOutcome.ContinuationMismatch(model);
        }

        switch (state.StopReason)
        {
            case null:
                // A body that ended without messageStop is a cut answer, never a complete one.
                return AttemptOutcome.Failed(model, new BedrockException(BedrockErrorKind.StreamTruncated, "The stream ended without messageStop.", inStream: true));
            case GuardrailStopReason:
                // The guardrail's message was the last text delivered; the answer ends here, unfinished.
                return AttemptOutcome.GuardrailIntervened(model);
            case ContentFilteredStopReason or "content_filter":
                return AttemptOutcome.ContentFiltered(model);
            case MaxTokensStopReason or "length" when continuing:
                // A continuation that ran out of tokens did not finish the answer it was asked to finish.
                return AttemptOutcome.Truncated(model);
        }

        state.AnsweredBy = model;
        return AttemptOutcome.Completed(model);
    }
}
