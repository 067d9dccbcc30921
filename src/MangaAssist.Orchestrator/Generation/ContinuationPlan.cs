using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>The messages that ask a model to continue an answer, and the aligner that joins its reply.</summary>
public sealed record ContinuationPlan(IReadOnlyList<ChatMessage> Messages, IContinuationAligner Aligner);
