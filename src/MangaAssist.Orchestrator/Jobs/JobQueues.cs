namespace MangaAssist.Orchestrator.Jobs;

/// <summary>Names of the work queues jobs travel on.</summary>
public static class JobQueues
{
    public const string Analyses = "analyses";
}
