using System.Diagnostics;
using System.Diagnostics.Metrics;
using MangaAssist.Orchestrator.Diagnostics;

namespace MangaAssist.Orchestrator.Grounding;

/// <summary>
/// Marks an answer that goes to the model without catalog passages, so it never happens silently: a span attribute on
/// the retrieval span and the counter <c>mangaassist.answers.ungrounded</c>, both with the reason.
/// </summary>
public sealed class UngroundedAnswers
{
    public const string CounterName = "mangaassist.answers.ungrounded";
    public const string SpanAttribute = "mangaassist.answer.ungrounded";

    /// <summary>The index was still being built after the wait for it.</summary>
    public const string IndexNotReady = "index_not_ready";

    /// <summary>Retrieval did not answer within its time.</summary>
    public const string RetrievalTimeout = "retrieval_timeout";

    /// <summary>Retrieval failed (its backend unreachable, for example).</summary>
    public const string RetrievalFailed = "retrieval_failed";

    /// <summary>The catalog has nothing relevant enough (the retriever abstained).</summary>
    public const string NoMatch = "no_match";

    private readonly Counter<long>? _ungrounded;

    public UngroundedAnswers(IMeterFactory? meters)
    {
        // The chat meter's name: the factory hands back the same Meter, so the counter sits beside the chat's own.
        _ungrounded = meters?.Create(ChatTelemetry.Name).CreateCounter<long>(CounterName, "{answer}", "Answers sent to the model without catalog passages, by reason.");
    }

    public void Record(Activity? span, string reason)
    {
        span?.SetTag(SpanAttribute, reason);
        _ungrounded?.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }
}
