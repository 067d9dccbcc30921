using MangaAssist.Orchestrator.Protocol;

namespace MangaAssist.Orchestrator.Resilience;

/// <summary>How an answer's generation ended, after all retries, continuations and fallbacks.</summary>
/// <param name="Outcome">The last model call's outcome.</param>
/// <param name="Model">The model that produced the end of the answer (or was tried last).</param>
/// <param name="StopReason">Bedrock's stop reason when the answer completed.</param>
/// <param name="Usage">Tokens summed over every call.</param>
/// <param name="Attempts">Model calls made.</param>
/// <param name="BudgetExhausted">Whether a retry was refused because the instance's retry budget was empty.</param>
/// <param name="Text">All the text delivered, across every call.</param>
public sealed record GenerationResult(AttemptOutcome Outcome, string Model, string? StopReason, TokenUsage Usage, int Attempts, bool BudgetExhausted, string Text)
{
    public bool Completed => Outcome.Result == AttemptResult.Completed && StopReason is not null;
}
