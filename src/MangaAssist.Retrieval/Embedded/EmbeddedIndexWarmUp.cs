using System.Diagnostics;
using System.Globalization;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// Searches a freshly built index before it is published. The per-query methods of a search are compiled fully
/// optimised at their first call (AggressiveOptimization), which takes a few hundred milliseconds; what they call from
/// the framework and generated regexes starts unoptimised and tiers up after 30 calls. Without this, the first burst
/// of shoppers after a start pays for both in their time to first token. A few dozen searches of every kind (titles,
/// authors, stories, attribute filters, romaji, a miss) do it at start-up instead. No model call: the query vector is
/// synthetic and dense, as real ones are.
/// </summary>
internal static class EmbeddedIndexWarmUp
{
    /// <summary>Each method on the search path runs more often than the 30 calls after which the runtime optimises it.</summary>
    private const int Rounds = 2;

    /// <summary>Products the questions are written from, spread over the catalog.</summary>
    private const int Samples = 8;

    private static readonly string[] FixedQuestions =
    [
        "completed seinen horror under 10 volumes",
        "完結した少女漫画 5巻以下",
        "90年代のスポーツ漫画",
        "in-stock fantasy manga under 1000 yen",
        "shingeki no kyojin",
        "a manga the store does not carry by a real author",
    ];

    /// <returns>How many searches ran and how long they took.</returns>
    public static (int Searches, TimeSpan Elapsed) Run(EmbeddedProductIndex index, float abstainBelow)
    {
        var started = Stopwatch.GetTimestamp();
        var questions = Questions(index);
        var vector = index.Dimensions > 0 ? SyntheticVector(index.Dimensions) : [];
        var searches = 0;
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var question in questions)
            {
                index.Search(question, vector, 5, null, abstainBelow);
                index.Search(question, [], 5, null, abstainBelow);
                searches += 2;
            }
        }

        return (searches, Stopwatch.GetElapsedTime(started));
    }

    private static List<string> Questions(EmbeddedProductIndex index)
    {
        var questions = new List<string>(FixedQuestions);
        var step = Math.Max(1, index.Count / Samples);
        for (var document = 0; document < index.Count && questions.Count < FixedQuestions.Length + (Samples * 4); document += step)
        {
            var product = index.ProductAt(document);
            questions.Add(product.Title);
            questions.Add(string.Create(CultureInfo.InvariantCulture, $"{product.JapaneseTitle}は何巻まで出ていますか？"));
            questions.Add(string.Create(CultureInfo.InvariantCulture, $"Which books by {product.Author.Name} do you carry?"));
            questions.Add(product.SynopsisJa.Length > 40 ? product.SynopsisJa[..40] : product.SynopsisJa);
        }

        return questions;
    }

    /// <summary>A dense unit-length vector that no document matches closely, so the scan does its full work.</summary>
    private static float[] SyntheticVector(int dimensions)
    {
        var vector = new float[dimensions];
        var norm = 0.0;
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = MathF.Sin((i * 0.7f) + 0.3f);
            norm += vector[i] * (double)vector[i];
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }
}
