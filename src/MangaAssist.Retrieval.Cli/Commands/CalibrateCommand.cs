using System.CommandLine;
using System.Globalization;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

namespace MangaAssist.Retrieval.Cli.Commands;

/// <summary>
/// <c>calibrate</c>: chooses <c>Embedded:AbstainBelow</c> on the dev split — within the false-abstention budget, the
/// threshold with the most abstention on not-in-catalog dev questions, centred in its plateau — and reports it on
/// the held-out split.
/// </summary>
internal static class CalibrateCommand
{
    private const double FalseAbstentionBudget = 0.02;

    public static Command Create()
    {
        var endpoint = new Option<Uri?>("--bedrock-endpoint") { Description = "Bedrock Runtime endpoint for Titan embeddings (default: start the Bedrock emulator in this process)" };
        var questions = new Option<string>("--questions") { Description = "A question file, or 'shopper' (default)", DefaultValueFactory = _ => "shopper" };
        var verbose = new Option<bool>("--verbose") { Description = "List answerable questions below the chosen threshold and not-in-catalog questions at or above it" };
        var dimensions = new Option<int?>("--dimensions") { Description = "Embedding dimensions (256, 512, 1024)" };
        var command = new Command("calibrate", "Choose the abstention threshold on the dev split and report it on the held-out split") { endpoint, questions, verbose, dimensions };
        command.SetAction(async (result, cancellationToken) =>
            await RunAsync(result.GetValue(endpoint), EvaluateCommand.LoadQuestions(result.GetValue(questions)!), result.GetValue(verbose), result.GetValue(dimensions), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Uri? endpoint, IReadOnlyList<EvaluationQuery> queries, bool verbose, int? dimensions, CancellationToken cancellationToken)
    {
        await using var backend = await EmbeddingBackend.StartAsync(endpoint);
        var options = new RetrievalOptions();
        options.Embeddings.Dimensions = dimensions ?? options.Embeddings.Dimensions;
        var index = await EmbeddedIndexBuilder.BuildAsync(ProductCatalog.LoadShipped(), backend.Generator, options, NullLogger.Instance, cancellationToken);
        var embedder = new QueryEmbedder(backend.Generator, options.Embeddings, NullLogger.Instance);

        var scored = new List<(EvaluationQuery Query, float Confidence)>(queries.Count);
        foreach (var query in queries)
        {
            var vector = await embedder.EmbedAsync(query.Text, cancellationToken);
            var results = index.Search(query.Text, vector, RetrievalEvaluator.RecallDepth, null);
            var understood = index.Understand(query.Text);
            var constraintsOnly = !understood.HasContent && !understood.Effective.IsEmpty;
            scored.Add((query, constraintsOnly ? 1f : index.Confidence(understood.Text, results)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"threshold",10}{"dev abstain",14}{"dev false",12}{"test abstain",14}{"test false",12}"));
        var rows = new List<(float Threshold, double Abstain, double False)>();
        for (var step = 0; step <= 200; step++)
        {
            var threshold = step / 200f;
            var dev = Rates(scored, EvaluationSplit.Dev, threshold);
            var test = Rates(scored, EvaluationSplit.Test, threshold);
            if (step % 5 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{threshold,10:F3}{dev.Abstain,14:P1}{dev.False,12:P1}{test.Abstain,14:P1}{test.False,12:P1}"));
            }

            rows.Add((threshold, dev.Abstain, dev.False));
        }

        var chosen = Choose(rows);
        if (verbose)
        {
            foreach (var (query, confidence) in scored.Where(s => (s.Query.Relevant.Count > 0) == (s.Confidence < chosen)))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{query.Id} [{query.Kind}/{query.Language}] confidence {confidence:F2} \"{query.Text}\""));
            }
        }

        var held = Rates(scored, EvaluationSplit.Test, chosen);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Chosen on dev (false abstention ≤ {FalseAbstentionBudget:P0}, most abstention, middle of the plateau): Embedded:AbstainBelow = {chosen:F3}; held-out: abstains on {held.Abstain:P1} of not-in-catalog questions, false abstention {held.False:P1}"));
        return 0;
    }

    /// <summary>
    /// Within the false-abstention budget: the most abstention on dev, then the least false abstention, then the
    /// middle of the thresholds still tied — a margin on both sides instead of the edge of the budget.
    /// </summary>
    internal static float Choose(IReadOnlyList<(float Threshold, double Abstain, double False)> rows)
    {
        var allowed = rows.Where(r => r.False <= FalseAbstentionBudget).ToList();
        if (allowed.Count == 0)
        {
            return 0f;
        }

        var most = allowed.Max(r => r.Abstain);
        var best = allowed.Where(r => r.Abstain == most).ToList();
        var least = best.Min(r => r.False);
        var tied = best.Where(r => r.False == least).Select(r => r.Threshold).ToList();
        return MathF.Round((tied.Min() + tied.Max()) / 2 * 200) / 200;
    }

    private static (double Abstain, double False) Rates(List<(EvaluationQuery Query, float Confidence)> scored, EvaluationSplit split, float threshold)
    {
        var unanswerable = scored.Where(s => s.Query.Split == split && s.Query.Relevant.Count == 0).ToList();
        var answerable = scored.Where(s => s.Query.Split == split && s.Query.Relevant.Count > 0).ToList();
        return (
            unanswerable.Count == 0 ? 0 : unanswerable.Count(s => s.Confidence < threshold) / (double)unanswerable.Count,
            answerable.Count == 0 ? 0 : answerable.Count(s => s.Confidence < threshold) / (double)answerable.Count);
    }
}
