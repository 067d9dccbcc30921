namespace MangaAssist.Orchestrator.Kernel;

/// <summary>How an answer ended, for logs and metrics.</summary>
public enum AnswerOutcome
{
    Completed,
    Failed,
    Cancelled,
    TimedOut,
    ClientGone,
    DeliveryFailed,
    Busy,
    RateLimited,
}
