using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Evaluation;
using Microsoft.Extensions.Configuration;

namespace MangaAssist.Retrieval.Cli.Commands;

/// <summary><c>evaluate</c>: recall@5, MRR and nDCG@10 of the embedded index on the shipped evaluation set.</summary>
internal static class EvaluateCommand
{
    public const double RecallBar = 0.90;
    public const double MrrBar = 0.75;

    public static Command Create()
    {
        var endpoint = new Option<Uri?>("--bedrock-endpoint") { Description = "Bedrock Runtime endpoint for Titan embeddings (default: start the Bedrock emulator in this process)" };
        var bm25 = new Option<float?>("--bm25-weight") { Description = "Override Retrieval:Embedded:Bm25Weight" };
        var vector = new Option<float?>("--vector-weight") { Description = "Override Retrieval:Embedded:VectorWeight" };
        var normalization = new Option<HybridNormalization?>("--normalization") { Description = "MinMax or ZScore" };
        var dimensions = new Option<int?>("--dimensions") { Description = "Embedding dimensions (256, 512, 1024)" };
        var verbose = new Option<bool>("--verbose") { Description = "List every question whose first result is not relevant" };
        var questions = new Option<string>("--questions") { Description = "A question file (same JSON shape as Data/shopper-questions.json), or 'shopper' (default) or 'classic' for the shipped sets", DefaultValueFactory = _ => "shopper" };
        var set = new Option<string[]>("--set") { Description = "Any Retrieval setting, for example --set Embedded:FieldWeights:Title=2.5 (repeatable)", AllowMultipleArgumentsPerToken = true };
        var backendOption = new Option<string>("--backend") { Description = "embedded (default) or opensearch", DefaultValueFactory = _ => "embedded" };
        backendOption.AcceptOnlyFromAmong("embedded", "opensearch");
        var openSearchEndpoint = new Option<Uri?>("--opensearch-endpoint", "--endpoint") { Description = "With --backend opensearch: a loaded index (create-index, bulk-index); default: start the stand-in in this process and load it" };
        var append = new Option<string[]>("--append") { Description = "Also run every answerable question with this text appended (an unknown name, a stray tag) and report false abstention (repeatable)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("evaluate", "Evaluate the embedded hybrid index on a question set (per split, language and kind; abstention)") { endpoint, bm25, vector, normalization, dimensions, verbose, set, questions, append, backendOption, openSearchEndpoint };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new RetrievalOptions();
            var settings = (result.GetValue(set) ?? []).Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => (string?)(p.Length > 1 ? p[1] : null));
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build().Bind(options);
            options.Embedded.Bm25Weight = result.GetValue(bm25) ?? options.Embedded.Bm25Weight;
            options.Embedded.VectorWeight = result.GetValue(vector) ?? options.Embedded.VectorWeight;
            options.Embedded.Normalization = result.GetValue(normalization) ?? options.Embedded.Normalization;
            options.Embeddings.Dimensions = result.GetValue(dimensions) ?? options.Embeddings.Dimensions;
            var openSearch = result.GetValue(backendOption) == "opensearch" ? new OpenSearchTarget(result.GetValue(openSearchEndpoint)) : null;
            return await RunAsync(result.GetValue(endpoint), options, LoadQuestions(result.GetValue(questions)!), result.GetValue(verbose), result.GetValue(append) ?? [], openSearch, cancellationToken);
        });
        return command;
    }

    internal static IReadOnlyList<EvaluationQuery> LoadQuestions(string questions)
    {
        switch (questions)
        {
            case "shopper":
                return EvaluationSet.LoadShopper();
            case "classic":
                return EvaluationSet.LoadShipped();
            default:
                using (var file = File.OpenRead(questions))
                {
                    return EvaluationSet.Load(file);
                }
        }
    }

    private static async Task<int> RunAsync(Uri? endpoint, RetrievalOptions options, IReadOnlyList<EvaluationQuery> queries, bool verbose, string[] appended, OpenSearchTarget? openSearch, CancellationToken cancellationToken)
    {
        await using var backend = await EmbeddingBackend.StartAsync(endpoint);
        var catalog = ProductCatalog.LoadShipped();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Embedded hybrid index: {catalog.Products.Count} products, {queries.Count} questions; embeddings from {(backend.IsEmulator ? "the Bedrock emulator (in process) at " : string.Empty)}{backend.Endpoint} ({options.Embeddings.ModelId}, {options.Embeddings.Dimensions} dimensions)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fusion: {options.Embedded.Normalization}, BM25 weight {options.Embedded.Bm25Weight}, vector weight {options.Embedded.VectorWeight}"));

        var started = Stopwatch.GetTimestamp();
        await using var overOpenSearch = openSearch is null ? null : await OpenSearchEvaluationBackend.StartAsync(openSearch.Endpoint, catalog, backend.Generator, options, cancellationToken);
        var retriever = overOpenSearch?.Retriever ?? await EmbeddedIndexBuilder.BuildRetrieverAsync(catalog, backend.Generator, options, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Index built in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
        if (overOpenSearch is not null)
        {
            Console.WriteLine($"Backend: OpenSearch at {overOpenSearch.Endpoint}{(overOpenSearch.IsStandIn ? " (the stand-in, in process)" : string.Empty)}; second stage in process");
        }

        var report = await RetrievalEvaluator.RunAsync(retriever, queries, cancellationToken);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-22}{"questions",10}{"recall@5",10}{"MRR",8}{"nDCG@10",9}"));
        Print(report.Overall);
        Console.WriteLine("by split (dev was used for tuning; test is held out)");
        report.BySplit.ToList().ForEach(Print);
        Console.WriteLine("by language");
        report.ByLanguage.ToList().ForEach(Print);
        Console.WriteLine("by kind of question");
        report.ByKind.ToList().ForEach(Print);
        Console.WriteLine("dev split by kind (what tuning looks at)");
        report.BySplitAndKind.Where(s => s.Name.StartsWith("dev/", StringComparison.Ordinal)).ToList().ForEach(Print);
        Console.WriteLine("held-out (test) split by kind");
        report.BySplitAndKind.Where(s => s.Name.StartsWith("test/", StringComparison.Ordinal)).ToList().ForEach(Print);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"abstention on not-in-catalog: dev {report.AbstentionRate(EvaluationSplit.Dev):P1}, test {report.AbstentionRate(EvaluationSplit.Test):P1}; false abstention on answerable: dev {report.FalseAbstentionRate(EvaluationSplit.Dev):P1}, test {report.FalseAbstentionRate(EvaluationSplit.Test):P1}"));

        if (verbose)
        {
            Console.WriteLine();
            foreach (var miss in report.Results.Where(r => r.ReciprocalRank < 1 || r.Recall < 1))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{miss.Query.Id} [{miss.Query.Kind}/{miss.Query.Language}/{miss.Query.Split}] RR={miss.ReciprocalRank:F2} R@5={miss.Recall:F2} \"{miss.Query.Text}\" want {string.Join(",", miss.Query.Relevant.Select(r => r.ProductId + ":" + r.Grade + "@" + RankOf(miss.Ranked, r.ProductId)))} got {string.Join(",", miss.Ranked.Take(5))}"));
            }
        }

        await AppendedWords.ReportAsync(retriever, queries, appended, cancellationToken);

        var overall = report.Overall;
        var passed = overall.RecallAt5 >= RecallBar && overall.Mrr >= MrrBar;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Bar recall@5 ≥ {RecallBar:F2} and MRR ≥ {MrrBar:F2}: {(passed ? "met" : "NOT met")}"));
        return passed ? 0 : 1;
    }

    /// <summary>A relevant product's rank in the answer (1-based), or "-" when it is not among the ten returned.</summary>
    private static string RankOf(IReadOnlyList<string> ranked, string productId)
    {
        for (var i = 0; i < ranked.Count; i++)
        {
            if (string.Equals(ranked[i], productId, StringComparison.Ordinal))
            {
                return (i + 1).ToString(CultureInfo.InvariantCulture);
            }
        }

        return "-";
    }

    private static void Print(MetricSummary summary) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {summary.Name,-20}{summary.Queries,10}{summary.RecallAt5,10:F3}{summary.Mrr,8:F3}{summary.NdcgAt10,9:F3}"));

    /// <summary><c>--backend opensearch</c> and its endpoint (null: the stand-in in process).</summary>
    private sealed record OpenSearchTarget(Uri? Endpoint);
}
