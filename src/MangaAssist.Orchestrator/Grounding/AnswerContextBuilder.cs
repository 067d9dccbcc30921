using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Retrieval;
using MangaAssist.Retrieval.Prompting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Grounding;

/// <summary>
/// Grounds a question in the store's catalog: retrieves passages (bounded in time — an answer
/// without passages beats no answer) and composes the prompt with the route's system prompt,
/// the conversation so far and the passages as delimited, numbered data blocks. A question that
/// arrives while the catalog index is still being built waits for it (at most
/// <c>Retrieval:Embedded:NotReadyWait</c>) before retrieval's own time starts; an answer that still
/// goes without passages is marked by <see cref="UngroundedAnswers"/>.
/// </summary>
public sealed class AnswerContextBuilder(
    IProductRetriever retriever,
    ILogger<AnswerContextBuilder> logger,
    IRetrievalReadiness? readiness = null,
    IOptions<RetrievalOptions>? retrievalOptions = null,
    IMeterFactory? meters = null)
{
    /// <summary>Longest wait for retrieval before answering without passages.</summary>
    public static readonly TimeSpan RetrievalTimeout = TimeSpan.FromSeconds(2);

    private readonly UngroundedAnswers _ungrounded = new(meters);

    public async Task<AnswerContext> BuildAsync(ChatRequest request, IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken) =>
        Compose(request, history, await RetrieveAsync(request, cancellationToken));

    /// <summary>The prompt from the history and passages retrieved separately (retrieval needs no history, so it can run beside the memory read).</summary>
    public static AnswerContext Compose(ChatRequest request, IReadOnlyList<ChatMessage> history, CatalogPassages retrieved)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(retrieved);
        var prompt = RagPromptComposer.Compose(new RagPromptRequest(
            request.Profile.SystemPrompt, history, retrieved.Passages, request.Message, request.Profile.ContextTokenBudget)
        {
            CatalogUnavailable = retrieved.CatalogUnavailable,
        });
        return new AnswerContext([.. prompt.Messages], prompt.Passages, Fingerprint(prompt.Passages));
    }

    /// <summary>The catalog passages for the question (none, and marked, when retrieval cannot give them in time).</summary>
    public async Task<CatalogPassages> RetrieveAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        if (request.Profile.RetrievalTopK == 0)
        {
            return CatalogPassages.None;
        }

        using var span = ChatTelemetry.ActivitySource.StartActivity("retrieval");
        if (!await WaitForIndexAsync(span, cancellationToken))
        {
            _ungrounded.Record(span, UngroundedAnswers.IndexNotReady);
            Log.IndexNotReady(logger, request.RequestId);
            return CatalogPassages.Unavailable;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RetrievalTimeout);
        try
        {
            var passages = await retriever.SearchAsync(new RetrievalQuery(SearchText.From(request.Message), request.Profile.RetrievalTopK), timeout.Token);
            // A retriever may still answer after the token fired (the embedded index ranks by BM25 when the embedding
            // is late); an answer that was stopped meanwhile stops here as before.
            cancellationToken.ThrowIfCancellationRequested();
            span?.SetTag("mangaassist.retrieval.passages", passages.Count);
            if (passages.Count == 0)
            {
                _ungrounded.Record(span, UngroundedAnswers.NoMatch);
            }

            return new CatalogPassages(passages, CatalogUnavailable: false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            _ungrounded.Record(span, exception is OperationCanceledException ? UngroundedAnswers.RetrievalTimeout : UngroundedAnswers.RetrievalFailed);
            Log.RetrievalFailed(logger, request.RequestId, exception.GetType().Name);
            return CatalogPassages.Unavailable;
        }
    }

    /// <summary>True once the index can answer; waits a bounded time for one still being built.</summary>
    private async Task<bool> WaitForIndexAsync(Activity? span, CancellationToken cancellationToken)
    {
        if (readiness is null || readiness.IsReady)
        {
            return true;
        }

        var started = Stopwatch.GetTimestamp();
        var wait = retrievalOptions?.Value.Embedded.NotReadyWait ?? RetrievalTimeout;
        var ready = await readiness.WaitUntilReadyAsync(wait, cancellationToken);
        span?.SetTag("mangaassist.retrieval.index_wait_ms", Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        return ready;
    }

    private static string Fingerprint(IReadOnlyList<RetrievedPassage> passages)
    {
        var ids = string.Join('\n', passages.Select(p => p.ProductId));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ids)))[..16];
    }
}
