namespace MangaAssist.Orchestrator.Generation;

/// <summary>The three ways a model call ends.</summary>
public enum AttemptResult
{
    Completed,
    Failed,
    CircuitOpen,
}
