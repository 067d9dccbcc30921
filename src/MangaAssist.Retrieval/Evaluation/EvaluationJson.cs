using System.Text.Json;
using System.Text.Json.Serialization;
using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.Evaluation;

/// <summary>
/// JSON shape of the shipped evaluation set, the same as the catalog's (camelCase, kebab-case enums).
/// Its own context so that Catalog does not depend on Evaluation.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    Converters = [typeof(KebabEnumConverter<QueryLanguage>), typeof(KebabEnumConverter<QueryKind>), typeof(KebabEnumConverter<EvaluationSplit>)])]
[JsonSerializable(typeof(List<EvaluationQuery>))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext
{
    /// <summary>Options for writing: like <see cref="EvaluationJsonContext.Default"/>, but Japanese stays unescaped.</summary>
    public static EvaluationJsonContext Readable => LazyReadable.Value;

    private static readonly Lazy<EvaluationJsonContext> LazyReadable = new(() =>
    {
        var options = new JsonSerializerOptions(EvaluationJsonContext.Default!.Options!) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return new EvaluationJsonContext(options);
    });
}
