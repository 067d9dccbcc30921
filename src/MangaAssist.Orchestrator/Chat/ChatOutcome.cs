namespace MangaAssist.Orchestrator.Chat;

/// <summary>How an answer ended, for logs and metrics.</summary>
public enum ChatOutcome
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
