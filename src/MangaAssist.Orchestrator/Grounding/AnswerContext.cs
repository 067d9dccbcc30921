using MangaAssist.Retrieval;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Grounding;

/// <summary>What an answer is grounded on: the prompt sent to the model and the catalog passages in it.</summary>
/// <param name="Fingerprint">Identifies the passages, so cached answers are only reused for the same grounding.</param>
public sealed record AnswerContext(IReadOnlyList<ChatMessage> Prompt, IReadOnlyList<RetrievedPassage> Passages, string Fingerprint);
