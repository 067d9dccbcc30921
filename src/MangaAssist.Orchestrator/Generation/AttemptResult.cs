namespace MangaAssist.Orchestrator.Generation;

/// <summary>The ways a model call ends.</summary>
public enum AttemptResult
{
    Completed,
    Failed,
    CircuitOpen,

    /// <summary>A continuation the model did not resume where it was asked to; its text was not joined.</summary>
    ContinuationMismatch,

    /// <summary>The route's guardrail stopped the answer.</summary>
    GuardrailIntervened,

    /// <summary>The model stopped with <c>content_filtered</c>: its content filter refused to go on.</summary>
    ContentFiltered,

    /// <summary>A continuation stopped at its token limit: the answer is cut, so it is not complete.</summary>
    Truncated,
}
