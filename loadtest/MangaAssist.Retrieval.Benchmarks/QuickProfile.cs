using System.Globalization;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.Evaluation;
using MangaAssist.Retrieval.Text;
using MangaAssist.Retrieval.Understanding;

namespace MangaAssist.Retrieval.Benchmarks;

/// <summary>
/// <c>quick [ROUNDS]</c>: a fast stage profile for iterating on a shared machine (no BenchmarkDotNet build): each
/// stage over all 640 shipped questions, ROUNDS times; prints the fastest round's time per question (the round
/// least disturbed by other processes) and the bytes allocated per question. Compare stages within one run only.
/// </summary>
internal static class QuickProfile
{
    public static void Run(int rounds, string? only = null)
    {
        var options = ShippedIndex.Options();
        var index = ShippedIndex.Build(options, out var vectors);
        var products = ProductCatalog.LoadShipped().Products;
        var vocabulary = NameVocabulary.Build(index.Bm25, products.Select(DocumentNames.Of));
        var attributes = products.Select(DocumentAttributes.Of).ToArray();
        var dimensions = options.Embeddings.Dimensions;
        var fieldWeights = Enumerable.Range(0, IndexFields.Count).Select(f => index.Settings.FieldWeight((IndexField)f)).ToArray();
        var questions = EvaluationSet.LoadShipped().Concat(EvaluationSet.LoadShopper()).Select(q => q.Text).ToArray();
        var normalized = questions.Select(TextNormalizer.Normalize).ToArray();
        var understood = questions.Select(index.Understand).ToArray();
        var queryVectors = questions.Select(q => ShippedIndex.QueryVector(q, dimensions)).ToArray();
        var results = questions.Select((q, i) => index.Search(q, queryVectors[i], 5, null, 0)).ToArray();
        var termIds = new int[QueryTermSink.MaxTerms];
        var termWeights = new float[QueryTermSink.MaxTerms];
        var terms = understood.Select(u =>
        {
            var sink = new QueryTermSink(index.Bm25, vocabulary, termIds, termWeights);
            Tokenizer.Tokenize(u.Text, ref sink, dropStopWords: true);
            return (Ids: termIds[..sink.Count], Weights: termWeights[..sink.Count]);
        }).ToArray();
        var scores = new float[index.Count];
        var compact = QuantizedVectors.Build(vectors, dimensions);
        var exact = new ulong[SemanticQuery.WordsFor(index.Count)];
        var keep = Math.Max(index.Settings.CandidateCount, Ranking.SecondStage.PoolSize);

        var stages = new (string Name, Func<int, float> Run)[]
        {

            ("normalise", i => TextNormalizer.Normalize(questions[i]).Length),
            ("understand", i => QueryUnderstanding.Parse(normalized[i]).HasContent ? 1 : 0),
            ("known content", i => KnownContent.In(index.Bm25, vocabulary, understood[i].Residue) ? 1 : 0),
            ("tokenise + terms + typos", i =>
            {
                var sink = new QueryTermSink(index.Bm25, vocabulary, termIds, termWeights);
                Tokenizer.Tokenize(understood[i].Text, ref sink, dropStopWords: true);
                return sink.Count;
            }),
            ("bm25", i =>
            {
                Array.Clear(scores);
                index.Bm25.Score(terms[i].Ids, terms[i].Weights, fieldWeights, index.Settings.CoverageFloor, index.Settings.ExactNameBoost, scores);
                return scores[0];
            }),
            ("cosine scan", i =>
            {
                var sum = 0f;
                for (var d = 0; d < index.Count; d++)
                {
                    sum += VectorMath.Dot(queryVectors[i], vectors.AsSpan(d * dimensions, dimensions));
                }

                return sum;
            }),
            ("cosine scan, 4 rows a time", i =>
            {
                VectorScan.Cosine(queryVectors[i], vectors, dimensions, CompiledFilter.From(null), attributes, scores);
                return scores[0];
            }),
            ("compact scan + rescore", i =>
            {
                var query = new SemanticQuery(queryVectors[i], vectors, dimensions, exact);
                return CompactCosineScan.Cosine(query, compact, CompiledFilter.From(null), attributes, keep, scores);
            }),
            ("relevance (top 5)", i => index.Confidence(understood[i].Text, results[i])),
            ("search without vector", i => index.Search(questions[i], [], 5, null, options.Embedded.AbstainBelow).Count),
            ("whole search", i => index.Search(questions[i], queryVectors[i], 5, null, options.Embedded.AbstainBelow).Count),
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{questions.Length} questions at {dimensions} dimensions, {rounds} rounds; fastest round per question, thread CPU time"));
        var rescored = questions.Select((_, i) => CompactCosineScan.Cosine(new SemanticQuery(queryVectors[i], vectors, dimensions, exact), compact, CompiledFilter.From(null), attributes, keep, scores)).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  compact copy {compact.Bytes / 1e6:F2} MB (floats {vectors.Length * 4 / 1e6:F2} MB); rescored per query of {index.Count}: mean {rescored.Average():F0}, p50 {rescored[rescored.Length / 2]}, p99 {rescored[rescored.Length * 99 / 100]}, max {rescored[^1]}"));
        // The lexical candidates fusion makes exact on top of the scan's re-score (EnsureExact): more rows of floats.
        var lexicalRows = questions.Select((_, i) =>
        {
            var query = new SemanticQuery(queryVectors[i], vectors, dimensions, exact);
            CompactCosineScan.Cosine(query, compact, CompiledFilter.From(null), attributes, keep, scores);
            var lexical = new float[index.Count];
            index.Bm25.Score(terms[i].Ids, terms[i].Weights, fieldWeights, index.Settings.CoverageFloor, index.Settings.ExactNameBoost, lexical);
            var missing = 0;
            foreach (var d in Enumerable.Range(0, index.Count).Where(d => lexical[d] > 0).OrderByDescending(d => lexical[d]).Take(keep))
            {
                missing += query.IsExact(d) ? 0 : 1;
            }

            return missing;
        }).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  lexical candidates re-scored on top (fusion): mean {lexicalRows.Average():F0}, p50 {lexicalRows[lexicalRows.Length / 2]}, p99 {lexicalRows[lexicalRows.Length * 99 / 100]}, max {lexicalRows[^1]}"));
        var selected = stages.Where(s => only is null || s.Name.StartsWith(only, StringComparison.Ordinal)).ToArray();

        // Tiered JIT: methods run ~30 times are recompiled optimised in the background; give that time to finish.
        for (var warmup = 0; warmup < 4; warmup++)
        {
            foreach (var (_, run) in selected)
            {
                for (var i = 0; i < questions.Length; i++)
                {
                    run(i);
                }
            }

            Thread.Sleep(300);
        }

        foreach (var (name, run) in selected)
        {
            var best = double.MaxValue;
            long bytes = 0;
            for (var round = 0; round < rounds; round++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var start = ThreadClock.Nanoseconds();
                for (var i = 0; i < questions.Length; i++)
                {
                    run(i);
                }

                best = Math.Min(best, (ThreadClock.Nanoseconds() - start) / 1e3 / questions.Length);
                bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / questions.Length;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-26} {best,9:F1} µs {bytes,7} B"));
        }
    }
}
