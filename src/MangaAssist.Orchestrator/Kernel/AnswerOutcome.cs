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

    /// <summary>Stopped here at a frame boundary and handed to another task, which sends the rest and the terminal frame.</summary>
    HandedOver,
}
