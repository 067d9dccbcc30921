using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.SharedState.ResponseCache;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Pipeline.Sources;

/// <summary>
/// Which answers are shared between shoppers and instances (response cache and single-flight):
/// only a session's first question, because later answers depend on the conversation.
/// </summary>
public static class SharedAnswerKey
{
    /// <summary>The conversation-context policy in every key: answers to a question asked without history.</summary>
    public const string ContextPolicy = "first-question-v1";

    /// <summary>The key of an answer that may be shared, or null when the conversation makes it personal.</summary>
    public static ResponseCacheKey? For(ChatRequest request, AnswerContext context, IReadOnlyList<ChatMessage> history) =>
        history.Count > 0
            ? null
            : ResponseCacheKey.Create(request.Profile.ModelId, request.Message, context.Fingerprint,
                $"{ContextPolicy}:{request.Route}:{request.Profile.MaxTokens}");
}
