using System.Text.Json;
using System.Text.Json.Serialization;

namespace MangaAssist.Retrieval.Catalog;

/// <summary>
/// JSON shape of the shipped catalog: camelCase, enums as kebab-case strings, UTF-8 kept readable.
/// The evaluation set has its own context with the same shape (<c>Evaluation/EvaluationJson.cs</c>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    Converters = [typeof(KebabEnumConverter<Demographic>), typeof(KebabEnumConverter<PublicationStatus>), typeof(KebabEnumConverter<Availability>), typeof(KebabEnumConverter<SeriesRole>)])]
[JsonSerializable(typeof(List<MangaProduct>))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext
{
    /// <summary>Options for writing: like <see cref="CatalogJsonContext.Default"/>, but Japanese stays unescaped.</summary>
    public static CatalogJsonContext Readable => LazyReadable.Value;

    private static readonly Lazy<CatalogJsonContext> LazyReadable = new(() =>
    {
        var options = new JsonSerializerOptions(CatalogJsonContext.Default!.Options!) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return new CatalogJsonContext(options);
    });
}

internal sealed class KebabEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
