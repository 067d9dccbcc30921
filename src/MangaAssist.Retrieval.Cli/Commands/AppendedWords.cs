using System.Globalization;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Cli.Commands;

/// <summary>
/// <c>evaluate --append X</c>: the answerable questions again with an extra word the catalog does not know (a
/// shopper's name, a stray tag, a typo of filler). The relevance decision must not refuse them for it.
/// </summary>
internal static class AppendedWords
{
    public static async Task ReportAsync(IProductRetriever retriever, IReadOnlyList<EvaluationQuery> queries, IReadOnlyList<string> appended, CancellationToken cancellationToken)
    {
        var answerable = queries.Where(q => q.Relevant.Count > 0).ToList();
        foreach (var extra in appended)
        {
            var changed = answerable.Select(q => q with { Text = q.Text + " " + extra }).ToList();
            var report = await RetrievalEvaluator.RunAsync(retriever, changed, cancellationToken);
            var test = report.BySplit.FirstOrDefault(s => s.Name == "test");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"with \"{extra}\" appended ({answerable.Count} answerable): false abstention dev {report.FalseAbstentionRate(EvaluationSplit.Dev):P1}, test {report.FalseAbstentionRate(EvaluationSplit.Test):P1}; test recall@5 {test?.RecallAt5 ?? 0:F3}; refused by kind: {RefusedByKind(report)}"));
        }
    }

    private static string RefusedByKind(EvaluationReport report) => string.Join(", ", report.Results
        .GroupBy(r => r.Query.Kind)
        .OrderBy(g => g.Key)
        .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count(r => r.Ranked.Count == 0)}/{g.Count()}")));
}
