namespace MangaAssist.Orchestrator.Protocol;

/// <summary>Token counts reported by the model for one answer.</summary>
public readonly record struct TokenUsage(long InputTokens, long OutputTokens);
