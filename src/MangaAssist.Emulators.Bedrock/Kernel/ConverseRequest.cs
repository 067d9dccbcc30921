namespace MangaAssist.Emulators.Bedrock.Kernel;

/// <summary>A validated Converse request.</summary>
public sealed record ConverseRequest(
    string ModelId,
    string SystemPrompt,
    IReadOnlyList<ConversationTurn> Messages,
    int? MaxTokens,
    IReadOnlyList<string> StopSequences)
{
    /// <summary>The text of the last user message: where markers and the question are read from.</summary>
    public string LastUserMessage => Messages.LastOrDefault(m => m.Role == ConversationRole.User)?.Text ?? string.Empty;

    /// <summary>The partial answer to continue when the conversation ends with an assistant message, else null.</summary>
    public string? AssistantPrefill => Messages.Count > 0 && Messages[^1].Role == ConversationRole.Assistant ? Messages[^1].Text : null;
}
