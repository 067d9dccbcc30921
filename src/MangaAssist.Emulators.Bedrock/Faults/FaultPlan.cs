namespace MangaAssist.Emulators.Bedrock.Faults;

public enum FaultSource
{
    Marker,
    Random,
}

/// <summary>
/// The fault one request will suffer: what, after how many tokens, and why; <see cref="RetryAfterSeconds"/> goes
/// out as <c>Retry-After</c> on a 429 or 503 answer.
/// </summary>
public sealed record FaultPlan(FaultKind Kind, int AfterTokens, FaultSource Source, int? RetryAfterSeconds = null);
