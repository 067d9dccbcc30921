namespace MangaAssist.SharedState.Jobs;

/// <summary>Where a job is; the last three are terminal and never change again.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
