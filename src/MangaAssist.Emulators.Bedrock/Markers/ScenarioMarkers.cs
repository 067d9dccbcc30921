namespace MangaAssist.Emulators.Bedrock.Markers;

/// <summary>
/// The markers found in a last user message that apply to the requested model. <see cref="Error"/> is set when a
/// marker is malformed; <see cref="GuardrailAfterTokens"/> makes a configured guardrail intervene after that many
/// tokens; <see cref="RetryAfterSeconds"/> is sent with 429/503 faults; <see cref="ContextLimit"/> refuses a request
/// whose input tokens exceed it.
/// </summary>
public sealed record ScenarioMarkers(
    int? AnswerTokens,
    int? TimeToFirstTokenMs,
    int? TokensPerSecond,
    IReadOnlyList<FaultMarker> Faults,
    string? Error,
    int? GuardrailAfterTokens = null,
    int? RetryAfterSeconds = null,
    int? ContextLimit = null)
{
    public static ScenarioMarkers None { get; } = new(null, null, null, [], null);
}
