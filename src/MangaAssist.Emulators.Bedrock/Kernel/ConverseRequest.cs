namespace MangaAssist.Emulators.Bedrock.Kernel;

/// <summary>
/// A validated Converse request. <see cref="Cache"/> is the prefix up to the last cache point; <see cref="Guarded"/>
/// says a guardrail was configured; <see cref="Echo"/> is the quoted end of a partial answer that a continuation
/// request asked the model to repeat before going on.
/// </summary>
public sealed record ConverseRequest(
    string ModelId,
    string SystemPrompt,
    IReadOnlyList<ConversationTurn> Messages,
    int? MaxTokens,
    IReadOnlyList<string> StopSequences,
    CachePrefix? Cache = null,
    bool Guarded = false,
    string? Echo = null)
{
    /// <summary>The text of the last user message: where markers and the question are read from.</summary>
    public string LastUserMessage => Messages.LastOrDefault(m => m.Role == ConversationRole.User)?.Text ?? string.Empty;

    /// <summary>The partial answer to continue when the conversation ends with an assistant message, else null.</summary>
    public string? AssistantPrefill => Messages.Count > 0 && Messages[^1].Role == ConversationRole.Assistant ? Messages[^1].Text : null;
}
