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

    /// <summary>Japanese written in Latin letters (Hepburn or kunrei, any long-vowel spelling).</summary>
    Romaji,
}

public enum QueryKind
{
    Title,
    Typo,
    Author,
    Description,
    LikeTitle,

    /// <summary>Every volume of a series: the original, its sequels and spin-offs.</summary>
    Series,

    /// <summary>A title or author typed in romaji or kana instead of the catalog's spelling.</summary>
    Romaji,

    /// <summary>Constraints on status, volumes, years, price, availability, demographic and genre.</summary>
    Attribute,

    /// <summary>A real or invented title or author the store does not carry: the right answer is no product.</summary>
    NotInCatalog,
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

    internal const string ShopperResourceName = "MangaAssist.Retrieval.Data.shopper-questions.json";

    /// <summary>The first set: 190 questions on titles, typos, authors, descriptions and "something like X".</summary>
    public static IReadOnlyList<EvaluationQuery> LoadShipped() => LoadResource(ShippedResourceName);

    /// <summary>
    /// The shopper set: questions as shoppers type them, including romaji, attribute filters and products the
    /// store does not carry (those have no relevant product: the right result is none).
    /// </summary>
    public static IReadOnlyList<EvaluationQuery> LoadShopper() => LoadResource(ShopperResourceName);

    /// <summary>A question file of the same shape, for anyone's own set.</summary>
    public static IReadOnlyList<EvaluationQuery> Load(Stream source) =>
        JsonSerializer.Deserialize(source, EvaluationJsonContext.Default.ListEvaluationQuery)
            ?? throw new InvalidDataException("The evaluation JSON is empty.");

    private static IReadOnlyList<EvaluationQuery> LoadResource(string name)
    {
        using var stream = typeof(EvaluationSet).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The shipped evaluation resource '{name}' is missing from the assembly.");
        return Load(stream);
    }

    public static void Write(IReadOnlyList<EvaluationQuery> queries, Stream destination) =>
        JsonSerializer.Serialize(destination, queries as List<EvaluationQuery> ?? [.. queries], EvaluationJsonContext.Readable.ListEvaluationQuery);
}
