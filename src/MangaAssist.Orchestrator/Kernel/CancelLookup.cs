namespace MangaAssist.Orchestrator.Kernel;

/// <summary>What a <c>cancel</c> found.</summary>
public enum CancelLookup
{
    Cancelled,
    AlreadyFinished,
    Unknown,
}
