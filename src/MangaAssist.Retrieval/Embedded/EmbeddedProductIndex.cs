using System.Buffers;
using System.Runtime.CompilerServices;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.Ranking;
using MangaAssist.Retrieval.Text;
using MangaAssist.Retrieval.Understanding;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// The in-process hybrid index over the catalog: BM25 (<see cref="Bm25Index"/>) and exact cosine similarity over
/// unit-length document embeddings, fused with normalised scores. Immutable; a query allocates only its result list.
/// </summary>
internal sealed partial class EmbeddedProductIndex
{
    /// <summary>How many of the best results the relevance decision looks at.</summary>
    private const int RelevanceCandidates = 5;

    private readonly MangaProduct[] _products;
    private readonly DocumentAttributes[] _attributes;
    private readonly string[] _snippetsEn;
    private readonly string[] _snippetsJa;
    private readonly Bm25Index _bm25;
    private readonly float[] _vectors;
    private readonly QuantizedVectors _compact;
    private readonly float[] _fieldWeights;
    private readonly EmbeddedIndexSettings _settings;
    private readonly Dictionary<string, int> _documentById;
    private readonly DocumentNames[] _names;
    private readonly NameVocabulary _vocabulary;

    private EmbeddedProductIndex(MangaProduct[] products, Bm25Index bm25, float[] vectors, int dimensions, EmbeddedIndexSettings settings)
    {
        _products = products;
        _bm25 = bm25;
        _vectors = vectors;
        _compact = QuantizedVectors.Build(vectors, dimensions);
        Dimensions = dimensions;
        _settings = settings;
        _attributes = products.Select(DocumentAttributes.Of).ToArray();
        _snippetsEn = products.Select(p => PassageText.Build(p, japanese: false)).ToArray();
        _snippetsJa = products.Select(p => PassageText.Build(p, japanese: true)).ToArray();
        _fieldWeights = Enumerable.Range(0, IndexFields.Count).Select(f => settings.FieldWeight((IndexField)f)).ToArray();
        _documentById = products.Select((p, d) => (p.Id, d)).ToDictionary(x => x.Id, x => x.d, StringComparer.Ordinal);
        _names = products.Select(DocumentNames.Of).ToArray();
        _vocabulary = NameVocabulary.Build(bm25, _names);
    }

    public int Count => _products.Length;

    /// <summary>Embedding size; 0 when the index was built without vectors (BM25 only).</summary>
    public int Dimensions { get; }

    public Bm25Index Bm25 => _bm25;

    public EmbeddedIndexSettings Settings => _settings;

    /// <param name="products">The catalog, in document order.</param>
    /// <param name="vectors">Row-major document embeddings (<paramref name="dimensions"/> floats per product), or empty for BM25 only. Rows are normalised here.</param>
    public static EmbeddedProductIndex Build(IReadOnlyList<MangaProduct> products, float[] vectors, int dimensions, EmbeddedIndexSettings settings)
    {
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Length != 0 && (dimensions <= 0 || vectors.Length != products.Count * dimensions))
        {
            throw new ArgumentException($"Expected {products.Count} × {dimensions} embedding values, got {vectors.Length}.", nameof(vectors));
        }

        for (var d = 0; vectors.Length != 0 && d < products.Count; d++)
        {
            VectorMath.Normalize(vectors.AsSpan(d * dimensions, dimensions));
        }

        var fields = products.Select(DocumentFieldsOf).ToArray();
        var bm25 = Bm25Index.Build(fields, settings.K1, settings.B);
        return new EmbeddedProductIndex([.. products], bm25, vectors, vectors.Length == 0 ? 0 : dimensions, settings);
    }

    public MangaProduct ProductAt(int document) => _products[document];

    /// <summary>
    /// The best <paramref name="topK"/> products for <paramref name="queryText"/>. <paramref name="queryVector"/> is
    /// the query's embedding (any length-normalisation) or empty to rank by BM25 alone.
    /// </summary>
    /// <param name="minimumConfidence">
    /// When no result reaches this <see cref="RelevanceEstimator"/> confidence the answer is empty: the catalog does not
    /// have what was asked for. 0 turns the decision off.
    /// </param>
    // The search path is compiled fully optimised at its first call: under tiered compilation the first several
    // hundred searches after a start ran first-tier code at about twice the CPU time (benchmarks' `latency`).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IReadOnlyList<RetrievedPassage> Search(string queryText, ReadOnlySpan<float> queryVector, int topK, RetrievalFilters? filters, float minimumConfidence = 0)
    {
        var normalized = TextNormalizer.Normalize(queryText);
        var understood = Understood(normalized);
        var filter = CompiledFilter.From(filters, understood.Effective);
        topK = Math.Clamp(topK, 1, RetrievalQuery.MaxTopK);
        if (filter.MatchesNothing)
        {
            return [];
        }

        var useVectors = Dimensions > 0 && queryVector.Length == Dimensions;
        var n = _products.Length;
        var bm25 = ArrayPool<float>.Shared.Rent(n);
        var cosine = useVectors ? ArrayPool<float>.Shared.Rent(n) : [];
        var exactWords = SemanticQuery.WordsFor(useVectors ? n : 0);
        var exact = ArrayPool<ulong>.Shared.Rent(exactWords);
        try
        {
            var lexical = bm25.AsSpan(0, n);
            lexical.Clear();
            // A question made only of constraints ("completed seinen horror under 10 volumes") ranks every
            // product that satisfies them alike; the vectors, if any, order them.
            var browse = !understood.HasContent && !filter.IsEmpty;
            var hasLexical = browse ? MarkMatching(filter, lexical) : ScoreBm25(understood.Text, lexical);

            var semantic = cosine.AsSpan(0, useVectors ? n : 0);
            var semanticQuery = new SemanticQuery(queryVector, _vectors, Dimensions, exact.AsSpan(0, exactWords));
            if (useVectors)
            {
                CompactCosineScan.Cosine(semanticQuery, _compact, filter, _attributes, CandidatesFor(topK), semantic);
            }

            var results = Fuse(lexical, hasLexical, semantic, semanticQuery, useVectors, filter, topK, TextNormalizer.ContainsCjk(normalized));
            return browse || minimumConfidence <= 0 || Confidence(understood.Text, results) >= minimumConfidence ? results : [];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(bm25);
            ArrayPool<ulong>.Shared.Return(exact);
            if (useVectors)
            {
                ArrayPool<float>.Shared.Return(cosine);
            }
        }
    }

    /// <summary>The best <see cref="RelevanceEstimator"/> confidence among <paramref name="results"/> for the searched text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal float Confidence(string searchedText, IReadOnlyList<RetrievedPassage> results)
    {
        var best = 0f;
        var evidence = results.Count > 0 ? NameEvidence.Of(_bm25, searchedText) : null;
        RelevanceEstimator.QueryUnits? units = null;
        for (var i = 0; i < Math.Min(results.Count, RelevanceCandidates); i++)
        {
            var document = _documentById[results[i].ProductId];
            if (evidence!.Names(_names[document]))
            {
                return 1f;
            }

            // Tokenised once for all candidates, and only when no name settles the question.
            units ??= RelevanceEstimator.Question(_bm25, searchedText);
            best = Math.Max(best, units.Value.Score(document, _names[document]));
        }

        return best;
    }

    /// <summary>The searched text and whether the question is made of constraints only (for calibration).</summary>
    internal UnderstoodQuery Understand(string queryText) => Understood(TextNormalizer.Normalize(queryText));

    /// <summary>
    /// Words no product has cannot narrow a question that states firm constraints ("completed, under 10 volumes,
    /// thx"): it is answered from the constraints. Only firm ones: "is Naruto in stock" must still find nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private UnderstoodQuery Understood(string normalized)
    {
        var understood = QueryUnderstanding.Parse(normalized);
        return understood.HasContent && !understood.Hard.IsEmpty && !KnownContent.In(_bm25, _vocabulary, understood.Residue)
            ? understood with { HasContent = false }
            : understood;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ScoreBm25(string normalized, Span<float> scores)
    {
        var termIds = ArrayPool<int>.Shared.Rent(QueryTermSink.MaxTerms);
        var weights = ArrayPool<float>.Shared.Rent(QueryTermSink.MaxTerms);
        try
        {
            var sink = new QueryTermSink(_bm25, _vocabulary, termIds, weights);
            Tokenizer.Tokenize(normalized, ref sink, dropStopWords: true);
            if (sink.Count == 0)
            {
                // A question made only of request words ("おすすめは？") still deserves an answer from its words.
                Tokenizer.Tokenize(normalized, ref sink, dropStopWords: false);
            }

            _bm25.Score(normalized, termIds.AsSpan(0, sink.Count), weights.AsSpan(0, sink.Count), _fieldWeights, _settings.CoverageFloor, _settings.ExactNameBoost, scores);

            return sink.Count > 0;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(termIds);
            ArrayPool<float>.Shared.Return(weights);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool MarkMatching(CompiledFilter filter, Span<float> scores)
    {
        var any = false;
        for (var d = 0; d < scores.Length; d++)
        {
            if (filter.Matches(_attributes[d]))
            {
                scores[d] = 1;
                any = true;
            }
        }

        return any;
    }

    internal static DocumentFields DocumentFieldsOf(MangaProduct p) => DocumentFields.Of(p);
}
