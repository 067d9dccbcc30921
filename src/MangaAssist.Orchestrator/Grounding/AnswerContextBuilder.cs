using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Retrieval;
using MangaAssist.Retrieval.Prompting;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Grounding;

/// <summary>
/// Grounds a question in the store's catalog: retrieves passages (bounded in time — an answer
/// without passages beats no answer) and composes the prompt with the route's system prompt,
/// the conversation so far and the passages as delimited, numbered data blocks.
/// </summary>
public sealed class AnswerContextBuilder(IProductRetriever retriever, ILogger<AnswerContextBuilder> logger)
{
    /// <summary>Longest wait for retrieval before answering without passages.</summary>
    public static readonly TimeSpan RetrievalTimeout = TimeSpan.FromSeconds(2);

    public async Task<AnswerContext> BuildAsync(ChatRequest request, IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken)
    {
        var passages = await RetrieveAsync(request, cancellationToken);
        var prompt = RagPromptComposer.Compose(new RagPromptRequest(
            request.Profile.SystemPrompt, history, passages, request.Message, request.Profile.ContextTokenBudget));
        return new AnswerContext([.. prompt.Messages], prompt.Passages, Fingerprint(prompt.Passages));
    }

    private async Task<IReadOnlyList<RetrievedPassage>> RetrieveAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        if (request.Profile.RetrievalTopK == 0)
        {
            return [];
        }

        using var span = ChatTelemetry.ActivitySource.StartActivity("retrieval");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RetrievalTimeout);
        try
        {
            var passages = await retriever.SearchAsync(new RetrievalQuery(SearchText.From(request.Message), request.Profile.RetrievalTopK), timeout.Token);
            span?.SetTag("mangaassist.retrieval.passages", passages.Count);
            return passages;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            Log.RetrievalFailed(logger, request.RequestId, exception.GetType().Name);
            return [];
        }
    }

    private static string Fingerprint(IReadOnlyList<RetrievedPassage> passages)
    {
        var ids = string.Join('\n', passages.Select(p => p.ProductId));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ids)))[..16];
    }
}
