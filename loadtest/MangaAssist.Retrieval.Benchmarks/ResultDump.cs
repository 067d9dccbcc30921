using System.Globalization;
using System.Text;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Benchmarks;

/// <summary>
/// <c>dump FILE</c>: every question of both shipped sets (and the answerable ones with an unknown word appended)
/// searched with and without its vector, writing the understood text, the ranked ids with their exact scores and
/// the relevance confidence. Diffing two dumps shows whether a performance change altered any result at all.
/// </summary>
internal static class ResultDump
{
    private static readonly string[] Appended = ["", " zorblax", " Kenta", " thx", " tag-ask-17"];

    public static void Write(string path)
    {
        var options = ShippedIndex.Options();
        var index = ShippedIndex.Build(options);
        var abstainBelow = options.Embedded.AbstainBelow;
        var questions = EvaluationSet.LoadShipped().Concat(EvaluationSet.LoadShopper()).ToList();
        var output = new StringBuilder();
        foreach (var extra in Appended)
        {
            foreach (var question in questions.Where(q => extra.Length == 0 || q.Relevant.Count > 0))
            {
                var text = question.Text + extra;
                var vector = ShippedIndex.QueryVector(text, options.Embeddings.Dimensions);
                var understood = index.Understand(text);
                output.Append(CultureInfo.InvariantCulture, $"{question.Id}{extra}\t[{understood.Text}]\t{understood.HasContent}\t{understood.Effective}\n");
                foreach (var withVector in new[] { true, false })
                {
                    var all = index.Search(text, withVector ? vector : [], 10, null, 0);
                    var kept = index.Search(text, withVector ? vector : [], 5, null, abstainBelow);
                    output.Append(CultureInfo.InvariantCulture, $"  {(withVector ? "hybrid" : "bm25")} kept {kept.Count} confidence {index.Confidence(understood.Text, all):R}:");
                    foreach (var passage in all)
                    {
                        output.Append(CultureInfo.InvariantCulture, $" {passage.ProductId}={passage.Score:R}");
                    }

                    output.Append('\n');
                }
            }
        }

        File.WriteAllText(path, output.ToString());
        Console.WriteLine($"{questions.Count} questions written to {path}");
    }
}
