using System.Text.Json;

namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>
/// A search pipeline's <c>normalization-processor</c>: per sub-query <c>min_max</c> or <c>l2</c> normalisation, then
/// <c>arithmetic_mean</c>, <c>geometric_mean</c> or <c>harmonic_mean</c> with optional weights (one per sub-query).
/// </summary>
internal sealed record SearchPipeline(string Id, string Body, string Normalization, string Combination, IReadOnlyList<double> Weights)
{
    // OpenSearch keeps a document that is the minimum of its list by giving it this instead of 0.
    private const double MinScore = 0.001;

    public static SearchPipeline Parse(string id, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw OpenSearchError.ContentParse("[search_pipeline] the body must be an object");
        }

        foreach (var processor in Processors(body))
        {
            if (!processor.TryGetProperty("normalization-processor", out var normalization))
            {
                continue;
            }

            var technique = Technique(normalization, "normalization", "min_max");
            var combination = Technique(normalization, "combination", "arithmetic_mean");
            if (technique is not ("min_max" or "l2") || combination is not ("arithmetic_mean" or "geometric_mean" or "harmonic_mean"))
            {
                throw OpenSearchError.IllegalArgument($"provided technique is not supported: normalization [{technique}], combination [{combination}]");
            }

            var weights = normalization.TryGetProperty("combination", out var c) && c.TryGetProperty("parameters", out var p) && p.TryGetProperty("weights", out var w) && w.ValueKind == JsonValueKind.Array
                ? w.EnumerateArray().Select(e => e.GetDouble()).ToArray()
                : [];
            return new SearchPipeline(id, body.GetRawText(), technique, combination, weights);
        }

        return new SearchPipeline(id, body.GetRawText(), string.Empty, string.Empty, []);
    }

    public bool Normalizes => Normalization.Length > 0;

    /// <summary>Fuses the sub-queries' results (each its own top list) into one score per document.</summary>
    public Dictionary<int, double> Combine(IReadOnlyList<Dictionary<int, double>> results)
    {
        if (Weights.Count > 0 && Weights.Count != results.Count)
        {
            throw OpenSearchError.IllegalArgument($"number of weights [{Weights.Count}] must match number of sub-queries [{results.Count}] in hybrid query");
        }

        var normalized = results.Select(Normalize).ToList();
        var combined = new Dictionary<int, double>();
        foreach (var document in normalized.SelectMany(r => r.Keys).Distinct())
        {
            double sum = 0, weightSum = 0, logSum = 0, inverseSum = 0;
            for (var i = 0; i < normalized.Count; i++)
            {
                var weight = Weights.Count > 0 ? Weights[i] : 1;
                var score = normalized[i].GetValueOrDefault(document);
                weightSum += weight;
                sum += weight * score;
                if (score > 0)
                {
                    logSum += weight * Math.Log(score);
                    inverseSum += weight / score;
                }
            }

            combined[document] = weightSum == 0 ? 0 : Combination switch
            {
                "geometric_mean" => Math.Exp(logSum / weightSum),
                "harmonic_mean" => inverseSum == 0 ? 0 : weightSum / inverseSum,
                _ => sum / weightSum,
            };
        }

        return combined;
    }

    private Dictionary<int, double> Normalize(Dictionary<int, double> scores)
    {
        if (scores.Count == 0)
        {
            return scores;
        }

        if (Normalization == "l2")
        {
            var norm = Math.Sqrt(scores.Values.Sum(s => s * s));
            return scores.ToDictionary(s => s.Key, s => norm == 0 ? 0 : s.Value / norm);
        }

        var min = scores.Values.Min();
        var max = scores.Values.Max();
        return scores.ToDictionary(s => s.Key, s => max == min ? 1 : Math.Max((s.Value - min) / (max - min), MinScore));
    }

    private static JsonElement[] Processors(JsonElement body) =>
        body.TryGetProperty("phase_results_processors", out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray()] : [];

    private static string Technique(JsonElement processor, string name, string fallback) =>
        processor.TryGetProperty(name, out var part) && part.TryGetProperty("technique", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : fallback;
}
