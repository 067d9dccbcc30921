namespace MangaAssist.Orchestrator.Chat;

/// <summary>What a <c>cancel</c> found.</summary>
public enum CancelLookup
{
    Cancelled,
    AlreadyFinished,
    Unknown,
}
