namespace MangaAssist.Emulators.Bedrock.Markers;

/// <summary>The markers found in a last user message. <see cref="Error"/> is set when a marker is malformed; <see cref="GuardrailAfterTokens"/> makes a configured guardrail intervene after that many tokens.</summary>
public sealed record ScenarioMarkers(
    int? AnswerTokens,
    int? TimeToFirstTokenMs,
    int? TokensPerSecond,
    IReadOnlyList<FaultMarker> Faults,
    string? Error,
    int? GuardrailAfterTokens = null)
{
    public static ScenarioMarkers None { get; } = new(null, null, null, [], null);
}
