using BenchmarkDotNet.Attributes;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Benchmarks;

/// <summary>
/// Embedded hybrid search over the shipped catalog (2,305 products, 1,024-dimension vectors). The query embedding
/// is computed in setup with the Bedrock emulator's embedding function and passed in, so the numbers are the index
/// alone: normalisation, query understanding, tokenising, BM25, exact cosine over every product, fusion, top-k, the
/// relevance decision (with the configured <c>AbstainBelow</c>, as the service runs it) and the result list.
/// </summary>
[Config(typeof(SingleQueryLatencyConfig))]
public class EmbeddedSearchBenchmarks
{
    private EmbeddedProductIndex _index = null!;
    private (string Text, float[] Vector)[] _queries = [];
    private int _next;
    private float _abstainBelow;

    /// <summary>
    /// A kind of question; <c>all-eval</c> cycles through all 190 evaluation questions, one per iteration, and
    /// <c>shopper</c> through the 450 shopper questions (romaji, constraints, things the store does not carry).
    /// </summary>
    [Params("all-eval", "shopper", "en-title", "ja-title", "typo", "author-ja", "description-en", "description-ja")]
    public string Query { get; set; } = "all-eval";

    [GlobalSetup]
    public void Setup()
    {
        var options = ShippedIndex.Options();
        var dimensions = options.Embeddings.Dimensions;
        _index = ShippedIndex.Build(options);
        _abstainBelow = options.Embedded.AbstainBelow;
        // What the service does before it takes traffic (EmbeddedIndexInitializer), so the first iterations are a
        // shopper's first queries after a start, no more warmed than that.
        EmbeddedIndexWarmUp.Run(_index, _abstainBelow);
        _queries = QuestionsFor(Query).Select(q => (q.Text, ShippedIndex.QueryVector(q.Text, dimensions))).ToArray();
    }

    [Benchmark]
    public int Search()
    {
        var (text, vector) = _queries[_next];
        _next = (_next + 1) % _queries.Length;
        return _index.Search(text, vector, 5, null, _abstainBelow).Count;
    }

    /// <summary>The same queries without their vector: the lexical half alone, to show what the exact cosine scan costs.</summary>
    [Benchmark]
    public int SearchWithoutVector()
    {
        var (text, _) = _queries[_next];
        _next = (_next + 1) % _queries.Length;
        return _index.Search(text, [], 5, null, _abstainBelow).Count;
    }

    /// <summary>The questions a case cycles through, in order (shared with <see cref="LatencyProfile"/>).</summary>
    internal static EvaluationQuery[] QuestionsFor(string query)
    {
        var evaluation = EvaluationSet.LoadShipped();
        return query switch
        {
            "all-eval" => [.. evaluation],
            "shopper" => [.. EvaluationSet.LoadShopper()],
            "en-title" => [First(evaluation, QueryKind.Title, QueryLanguage.En)],
            "ja-title" => [First(evaluation, QueryKind.Title, QueryLanguage.Ja)],
            "typo" => [First(evaluation, QueryKind.Typo, QueryLanguage.En)],
            "author-ja" => [First(evaluation, QueryKind.Author, QueryLanguage.Ja)],
            "description-en" => [First(evaluation, QueryKind.Description, QueryLanguage.En)],
            _ => [First(evaluation, QueryKind.Description, QueryLanguage.Ja)],
        };
    }

    private static EvaluationQuery First(IReadOnlyList<EvaluationQuery> queries, QueryKind kind, QueryLanguage language) =>
        queries.First(q => q.Kind == kind && q.Language == language);
}
