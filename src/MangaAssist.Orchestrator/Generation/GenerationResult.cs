using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>How an answer's generation ended, after all retries, continuations and fallbacks.</summary>
public sealed record GenerationResult
{
    /// <param name="outcome">The last model call's outcome.</param>
    /// <param name="model">The model that produced the end of the answer (or was tried last).</param>
    /// <param name="stopReason">Bedrock's stop reason when the answer completed.</param>
    /// <param name="usage">Tokens summed over every call.</param>
    /// <param name="text">All the text delivered, across every call.</param>
    public GenerationResult(AttemptOutcome outcome, string model, string? stopReason, AnswerUsage usage, string text)
    {
        Outcome = outcome;
        Model = model;
        StopReason = stopReason;
        Usage = usage;
        Text = text;
    }

    public AttemptOutcome Outcome { get; }

    public string Model { get; }

    public string? StopReason { get; }

    public AnswerUsage Usage { get; }

    public string Text { get; }

    public bool Completed => Outcome.Result == AttemptResult.Completed && StopReason is not null;
}
