using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.Ranking;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>The shared second stage (<see cref="SecondStage"/>) over this index's own pool and over another backend's.</summary>
internal sealed partial class EmbeddedProductIndex
{
    private Dictionary<int, string>? _nameWords;

    private SecondStage Stage => new(_settings.Bm25Weight, _settings.VectorWeight);

    /// <summary>
    /// The searched text for another first stage: the text plus the words this index would also search for
    /// (<see cref="FirstStageExpansion"/>), so that its pool holds what this index's pool holds.
    /// </summary>
    public string ExpandForFirstStage(string searchedText)
    {
        // Built once; a race builds the same map twice.
        _nameWords ??= _names.SelectMany(n => n.TitleWords.Concat(n.AuthorWords))
            .Select(w => (w.Word, Known: _bm25.TryGetTerm("w" + w.Word, out var term), Term: term))
            .Where(w => w.Known)
            .DistinctBy(w => w.Term)
            .ToDictionary(w => w.Term, w => w.Word);
        var words = new StringBuilder(searchedText);
        var sink = new FirstStageExpansion(_bm25, _vocabulary, _nameWords, words);
        Tokenizer.Tokenize(TextNormalizer.Normalize(searchedText), ref sink, dropStopWords: true);
        return words.ToString();
    }

    /// <summary>
    /// Ranks a pool another first stage found (OpenSearch's hybrid query) exactly as this index ranks its own: the same
    /// understanding, filters, lexical scores, cosine and relevance decision. Answers the best products first; empty
    /// when nothing qualifies or the best is below <paramref name="minimumConfidence"/>. Candidates this catalog does
    /// not hold, or that the filters exclude, are left out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IReadOnlyList<RetrievedPassage> RankPool(string queryText, ReadOnlySpan<float> queryVector, IReadOnlyList<PoolCandidate> pool, int topK, RetrievalFilters? filters, float minimumConfidence)
    {
        var normalized = TextNormalizer.Normalize(queryText);
        var understood = Understood(normalized);
        var filter = CompiledFilter.From(filters, understood.Effective);
        topK = Math.Clamp(topK, 1, RetrievalQuery.MaxTopK);
        if (filter.MatchesNothing || pool.Count == 0)
        {
            return [];
        }

        var n = _products.Length;
        var bm25 = ArrayPool<float>.Shared.Rent(n);
        var row = ArrayPool<float>.Shared.Rent(Math.Max(1, queryVector.Length));
        Span<float> bestScores = stackalloc float[topK];
        Span<int> bestDocuments = stackalloc int[topK];
        try
        {
            var lexical = bm25.AsSpan(0, n);
            lexical.Clear();
            var browse = !understood.HasContent && !filter.IsEmpty;
            var hasLexical = browse ? MarkMatching(filter, lexical) : ScoreBm25(understood.Text, lexical);
            var bestLexical = hasLexical ? BestLexical(lexical, filter) : 0f;
            var norm = MathF.Sqrt(VectorMath.Dot(queryVector, queryVector));
            var scale = norm > 0 ? 1 / norm : 0;
            var stage = Stage;
            var best = new TopK(bestScores, bestDocuments);
            foreach (var candidate in pool)
            {
                // Without a query vector only lexical matches are candidates, as in this index's own first stage.
                if (!_documentById.TryGetValue(candidate.ProductId, out var d) || !(filter.IsEmpty || filter.Matches(_attributes[d])) || (queryVector.IsEmpty && lexical[d] <= 0))
                {
                    continue;
                }

                var cosine = 0f;
                if (candidate.Embedding.Length == queryVector.Length && queryVector.Length > 0)
                {
                    // Normalised as this index normalises its own rows, so both backends compute the same cosine.
                    var vector = row.AsSpan(0, queryVector.Length);
                    candidate.Embedding.Span.CopyTo(vector);
                    VectorMath.Normalize(vector);
                    cosine = VectorMath.Dot(queryVector, vector) * scale;
                }

                best.Offer(d, stage.Score(lexical[d], bestLexical, cosine));
            }

            var results = Passages(ref best, TextNormalizer.ContainsCjk(normalized));
            return browse || minimumConfidence <= 0 || Confidence(understood.Text, results) >= minimumConfidence ? results : [];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(bm25);
            ArrayPool<float>.Shared.Return(row);
        }
    }

    /// <summary>This index's own pool (its first stage's best, in <paramref name="pool"/>) through the second stage.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<RetrievedPassage> RankOwnPool(ref TopK pool, ReadOnlySpan<float> lexical, float bestLexical, ReadOnlySpan<float> semantic, bool useVectors, int topK, bool japanese)
    {
        Span<float> bestScores = stackalloc float[topK];
        Span<int> bestDocuments = stackalloc int[topK];
        var best = new TopK(bestScores, bestDocuments);
        var stage = Stage;
        for (var i = 0; i < pool.Count; i++)
        {
            var d = pool.DocumentAt(i);
            best.Offer(d, stage.Score(lexical[d], bestLexical, useVectors ? semantic[d] : 0f));
        }

        return Passages(ref best, japanese);
    }

    /// <summary>The best lexical score of any product the filter allows: the second stage's unit, the same on every backend.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float BestLexical(ReadOnlySpan<float> lexical, CompiledFilter filter)
    {
        var best = 0f;
        for (var d = 0; d < lexical.Length; d++)
        {
            if (lexical[d] > best && (filter.IsEmpty || filter.Matches(_attributes[d])))
            {
                best = lexical[d];
            }
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<RetrievedPassage> Passages(ref TopK best, bool japanese)
    {
        var count = best.SortDescending();
        var results = new List<RetrievedPassage>(count);
        for (var i = 0; i < count; i++)
        {
            var d = best.DocumentAt(i);
            var product = _products[d];
            results.Add(new RetrievedPassage(product.Id, product.Title, product.JapaneseTitle, product.Url, japanese ? _snippetsJa[d] : _snippetsEn[d], Math.Round(best.ScoreAt(i), 6), product.PriceJpy));
        }

        return results;
    }
}
