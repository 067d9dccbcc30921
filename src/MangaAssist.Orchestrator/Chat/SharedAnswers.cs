using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.ResponseCache;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Chat;

/// <summary>
/// Answers shared between shoppers and instances: the response cache (complete answers only) and
/// single-flight (identical questions asked at the same time share one generation). Only a
/// session's first question is shared, because later answers depend on the conversation.
/// Sharing is an optimisation: when Redis fails, the request is simply answered on its own.
/// </summary>
public sealed class SharedAnswers(IResponseCache cache, IAnswerFlights flights, ILogger<SharedAnswers> logger)
{
    /// <summary>The conversation-context policy in every key: answers to a question asked without history.</summary>
    public const string ContextPolicy = "first-question-v1";

    /// <summary>The key of an answer that may be shared, or null when the conversation makes it personal.</summary>
    public static ResponseCacheKey? KeyFor(ChatRequest request, AnswerContext context, IReadOnlyList<ChatMessage> history) =>
        history.Count > 0
            ? null
            : ResponseCacheKey.Create(request.Profile.ModelId, request.Message, context.Fingerprint,
                $"{ContextPolicy}:{request.Route}:{request.Profile.MaxTokens}");

    public async Task<CompletedAnswer?> TryGetAsync(ResponseCacheKey key, string requestId, CancellationToken cancellationToken)
    {
        try
        {
            return await cache.TryGetAsync(key, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Diagnostics.Log.SharedAnswersUnavailable(logger, requestId, exception.GetType().Name);
            return null;
        }
    }

    public async Task<AnswerFlight?> JoinAsync(ResponseCacheKey key, string requestId, CancellationToken cancellationToken)
    {
        try
        {
            return await flights.JoinOrLeadAsync(key.Value, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Diagnostics.Log.SharedAnswersUnavailable(logger, requestId, exception.GetType().Name);
            return null;
        }
    }

    public async Task StoreAsync(ResponseCacheKey key, CompletedAnswer answer, string requestId)
    {
        try
        {
            await cache.SetAsync(key, answer);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Diagnostics.Log.SharedAnswersUnavailable(logger, requestId, exception.GetType().Name);
        }
    }
}
