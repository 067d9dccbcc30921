using System.Text.Json;
using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.Evaluation;

/// <summary>One labelled question of the evaluation set.</summary>
/// <param name="Id">Stable id (<c>q-001</c> …).</param>
/// <param name="Text">The question as a shopper would type it.</param>
/// <param name="Language">Language of the question.</param>
/// <param name="Kind">What the question asks for.</param>
/// <param name="Split">Dev (used when tuning) or test (held out; only reported).</param>
/// <param name="Relevant">Relevant products with graded relevance (3 = the product asked for, 2 = equally good, 1 = related).</param>
public sealed record EvaluationQuery(string Id, string Text, QueryLanguage Language, QueryKind Kind, EvaluationSplit Split, IReadOnlyList<RelevantProduct> Relevant);

public sealed record RelevantProduct(string ProductId, int Grade);

public enum QueryLanguage
{
    En,
    Ja,
    Mixed,
}

public enum QueryKind
{
    Title,
    Typo,
    Author,
    Description,
    LikeTitle,
}

public enum EvaluationSplit
{
    Dev,
    Test,
}

/// <summary>The evaluation set shipped with the library.</summary>
public static class EvaluationSet
{
    internal const string ShippedResourceName = "MangaAssist.Retrieval.Data.evaluation.json";

    public static IReadOnlyList<EvaluationQuery> LoadShipped()
    {
        using var stream = typeof(EvaluationSet).Assembly.GetManifestResourceStream(ShippedResourceName)
            ?? throw new InvalidOperationException($"The shipped evaluation resource '{ShippedResourceName}' is missing from the assembly.");
        return JsonSerializer.Deserialize(stream, EvaluationJsonContext.Default.ListEvaluationQuery)
            ?? throw new InvalidDataException("The evaluation JSON is empty.");
    }

    public static void Write(IReadOnlyList<EvaluationQuery> queries, Stream destination) =>
        JsonSerializer.Serialize(destination, queries as List<EvaluationQuery> ?? [.. queries], EvaluationJsonContext.Readable.ListEvaluationQuery);
}
