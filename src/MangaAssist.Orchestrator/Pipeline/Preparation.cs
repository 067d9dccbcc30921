using MangaAssist.Orchestrator.Grounding;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>What the answer is produced from: the session's history and the grounded prompt.</summary>
public sealed record Preparation(IReadOnlyList<ChatMessage> History, AnswerContext Context);
