using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Ranking;
using MangaAssist.Retrieval.Understanding;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// The shared second stage on the OpenSearch path: OpenSearch's hybrid query finds the pool (with each candidate's
/// embedding), and the catalog's lexical model — the embedded index's term tables, built without vectors from the
/// same catalog file that was loaded into OpenSearch — ranks it and makes the relevance decision exactly as the
/// embedded index does. The term statistics are the catalog's, not the cluster's.
/// </summary>
internal sealed class OpenSearchReranker
{
    private readonly Lazy<EmbeddedProductIndex> _model;

    public OpenSearchReranker(Func<ProductCatalog> catalog, EmbeddedRetrievalOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        AbstainBelow = options.AbstainBelow;
        _model = new(() => EmbeddedProductIndex.Build(catalog().Products, [], 0, options.ToSettings()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The relevance (0–1) the best candidate must reach, as <see cref="EmbeddedRetrievalOptions.AbstainBelow"/>.</summary>
    public float AbstainBelow { get; }

    /// <summary>Builds the model now (start-up) instead of at the first search.</summary>
    public void WarmUp() => _ = _model.Value;

    /// <summary>The question as the embedded index understands it (constraints, searched text), so both send the same filters.</summary>
    public UnderstoodQuery Understand(string text) => _model.Value.Understand(text);

    /// <summary>The text for OpenSearch's query: the question's words plus the typo and reading expansions the model would search.</summary>
    public string FirstStageText(string text) => _model.Value.ExpandForFirstStage(text);

    public IReadOnlyList<RetrievedPassage> Rank(string text, ReadOnlySpan<float> vector, IReadOnlyList<OpenSearchHit> hits, int topK, RetrievalFilters? filters)
    {
        var pool = new PoolCandidate[hits.Count];
        for (var i = 0; i < hits.Count; i++)
        {
            pool[i] = new PoolCandidate(hits[i].Product.Id, hits[i].Embedding);
        }

        return _model.Value.RankPool(text, vector, pool, topK, filters, AbstainBelow);
    }
}
