using BenchmarkDotNet.Attributes;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.Evaluation;
using MangaAssist.Retrieval.Text;
using MangaAssist.Retrieval.Understanding;

namespace MangaAssist.Retrieval.Benchmarks;

/// <summary>
/// Each stage of an embedded search alone, averaged over all 640 shipped questions (one question per invocation,
/// in turn), to see where a query's time and bytes go. The stages' inputs are prepared in setup from the same
/// questions, so a stage's number does not include the stages before it.
/// </summary>
[Config(typeof(AveragedJobConfig))]
public class SearchStageBenchmarks
{
    private EmbeddedProductIndex _index = null!;
    private NameVocabulary _vocabulary = null!;
    private float[] _fieldWeights = [];
    private Stage[] _stages = [];
    private float[] _scores = [];
    private float[] _vectors = [];
    private readonly int[] _termIds = new int[QueryTermSink.MaxTerms];
    private readonly float[] _termWeights = new float[QueryTermSink.MaxTerms];
    private float _abstainBelow;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var options = ShippedIndex.Options();
        _index = ShippedIndex.Build(options, out _vectors);
        _abstainBelow = options.Embedded.AbstainBelow;
        _vocabulary = NameVocabulary.Build(_index.Bm25, ProductCatalog.LoadShipped().Products.Select(DocumentNames.Of));
        _fieldWeights = Enumerable.Range(0, IndexFields.Count).Select(f => _index.Settings.FieldWeight((IndexField)f)).ToArray();
        _scores = new float[_index.Count];
        var dimensions = options.Embeddings.Dimensions;
        _stages = EvaluationSet.LoadShipped().Concat(EvaluationSet.LoadShopper()).Select(q =>
        {
            var normalized = TextNormalizer.Normalize(q.Text);
            var understood = _index.Understand(q.Text);
            var terms = Terms(understood.Text);
            var vector = ShippedIndex.QueryVector(q.Text, dimensions);
            return new Stage(q.Text, normalized, understood, terms.Ids, terms.Weights, vector, _index.Search(q.Text, vector, 5, null, 0));
        }).ToArray();
    }

    [Benchmark(Description = "normalise")]
    public int Normalize() => TextNormalizer.Normalize(Next().Text).Length;

    [Benchmark(Description = "understand (constraints, synonyms)")]
    public bool Understand() => QueryUnderstanding.Parse(Next().Normalized).HasContent;

    [Benchmark(Description = "known content of the residue")]
    public bool Known() => KnownContent.In(_index.Bm25, _vocabulary, Next().Understood.Residue);

    [Benchmark(Description = "tokenise + term lookup + typos")]
    public int Tokenize()
    {
        var sink = new QueryTermSink(_index.Bm25, _vocabulary, _termIds, _termWeights);
        Tokenizer.Tokenize(Next().Understood.Text, ref sink, dropStopWords: true);
        return sink.Count;
    }

    [Benchmark(Description = "BM25 scoring")]
    public float Bm25()
    {
        var stage = Next();
        var scores = _scores.AsSpan();
        scores.Clear();
        _index.Bm25.Score(stage.TermIds, stage.TermWeights, _fieldWeights, _index.Settings.CoverageFloor, _index.Settings.ExactNameBoost, scores);
        return scores[0];
    }

    [Benchmark(Description = "cosine scan (2,305 × 1,024)")]
    public float Vectors()
    {
        var query = Next().Vector;
        var dimensions = query.Length;
        var sum = 0f;
        for (var d = 0; d < _index.Count; d++)
        {
            sum += VectorMath.Dot(query, _vectors.AsSpan(d * dimensions, dimensions));
        }

        return sum;
    }

    [Benchmark(Description = "relevance decision (top 5)")]
    public float Relevance()
    {
        var stage = Next();
        return _index.Confidence(stage.Understood.Text, stage.Results);
    }

    [Benchmark(Description = "whole search")]
    public int Search()
    {
        var stage = Next();
        return _index.Search(stage.Text, stage.Vector, 5, null, _abstainBelow).Count;
    }

    private Stage Next()
    {
        var stage = _stages[_next];
        _next = (_next + 1) % _stages.Length;
        return stage;
    }

    private (int[] Ids, float[] Weights) Terms(string text)
    {
        var ids = new int[QueryTermSink.MaxTerms];
        var weights = new float[QueryTermSink.MaxTerms];
        var sink = new QueryTermSink(_index.Bm25, _vocabulary, ids, weights);
        Tokenizer.Tokenize(text, ref sink, dropStopWords: true);
        return (ids[..sink.Count], weights[..sink.Count]);
    }

    private sealed record Stage(string Text, string Normalized, UnderstoodQuery Understood, int[] TermIds, float[] TermWeights, float[] Vector, IReadOnlyList<RetrievedPassage> Results);
}
