namespace MangaAssist.Emulators.Bedrock.Markers;

/// <summary>The markers found in a last user message. <see cref="Error"/> is set when a marker is malformed.</summary>
public sealed record ScenarioMarkers(
    int? AnswerTokens,
    int? TimeToFirstTokenMs,
    int? TokensPerSecond,
    IReadOnlyList<FaultMarker> Faults,
    string? Error)
{
    public static ScenarioMarkers None { get; } = new(null, null, null, [], null);
}
