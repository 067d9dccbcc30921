using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>What trimming took out of a prompt: counts only, never the text.</summary>
public sealed record PromptTrim(IReadOnlyList<ChatMessage> Messages, int HistoryTurnsDropped, int PassagesDropped)
{
    public bool Trimmed => HistoryTurnsDropped + PassagesDropped > 0;
}
