namespace MangaAssist.Emulators.Bedrock.Faults;

public enum FaultSource
{
    Marker,
    Random,
}

/// <summary>The fault one request will suffer: what, after how many tokens, and why.</summary>
public sealed record FaultPlan(FaultKind Kind, int AfterTokens, FaultSource Source);
