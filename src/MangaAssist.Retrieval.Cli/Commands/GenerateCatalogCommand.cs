using System.CommandLine;
using System.Globalization;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Cli.Generation;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Cli.Commands;

/// <summary><c>generate-catalog</c>: writes <c>catalog.json</c>, <c>evaluation.json</c> and <c>shopper-questions.json</c> (deterministic for a seed).</summary>
internal static class GenerateCatalogCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output-dir") { Description = "Where to write catalog.json and evaluation.json", DefaultValueFactory = _ => new DirectoryInfo(DefaultDataDirectory()) };
        var series = new Option<int>("--series") { Description = "Number of series (sequels and spin-offs come on top)", DefaultValueFactory = _ => CatalogGenerator.DefaultSeriesCount };
        var seed = new Option<ulong>("--seed") { Description = "Random seed", DefaultValueFactory = _ => CatalogGenerator.DefaultSeed };
        var command = new Command("generate-catalog", "Generate the shipped catalog and evaluation set") { output, series, seed };
        command.SetAction(result =>
        {
            var directory = result.GetValue(output)!;
            var (products, queries) = Write(directory.FullName, result.GetValue(series), result.GetValue(seed));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{products} products and {queries} evaluation questions written to {directory.FullName}"));
            return 0;
        });
        return command;
    }

    public static (int Products, int Queries) Write(string directory, int seriesCount, ulong seed)
    {
        var generated = CatalogGenerator.Generate(seriesCount, seed);
        var queries = EvaluationSetGenerator.Generate(generated, seed + 1);
        var shopper = ShopperQuestionGenerator.Generate(generated, seed + 2);
        Directory.CreateDirectory(directory);
        using (var file = File.Create(Path.Combine(directory, "catalog.json")))
        {
            ProductCatalog.Write(generated.Products, file);
        }

        using (var file = File.Create(Path.Combine(directory, "evaluation.json")))
        {
            EvaluationSet.Write(queries, file);
        }

        using (var file = File.Create(Path.Combine(directory, "shopper-questions.json")))
        {
            EvaluationSet.Write(shopper, file);
        }

        return (generated.Products.Count, queries.Count);
    }

    /// <summary>src/MangaAssist.Retrieval/Data of the repository the command runs in.</summary>
    private static string DefaultDataDirectory()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "MangaAssist.Retrieval", "Data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "Data");
    }
}
