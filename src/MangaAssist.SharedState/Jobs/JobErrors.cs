namespace MangaAssist.SharedState.Jobs;

/// <summary>The error a job cancelled before it ran carries (the same code as a cancelled answer's error frame).</summary>
public static class JobErrors
{
    public const string Cancelled = "cancelled";

    public const string CancelledMessage = "The analysis was cancelled.";
}
