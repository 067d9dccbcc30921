using System.Text.Json;
using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// The indexed document of one product (snake_case fields of the mapping in <see cref="OpenSearchIndexDefinition"/>),
/// and the way back from a hit's <c>_source</c> to a <see cref="MangaProduct"/>.
/// </summary>
internal static class OpenSearchDocument
{
    public const string EmbeddingField = "embedding";

    public static void Write(Utf8JsonWriter writer, MangaProduct p, ReadOnlySpan<float> embedding)
    {
        writer.WriteStartObject();
        writer.WriteString("product_id", p.Id);
        writer.WriteString("title", p.Title);
        writer.WriteString("title_ja", p.JapaneseTitle);
        writer.WriteString("title_reading", p.JapaneseTitleReading);
        writer.WriteString("author", p.Author.Name);
        writer.WriteString("author_ja", p.Author.JapaneseName);
        writer.WriteString("author_reading", p.Author.Name);
        writer.WriteStartArray("genres");
        foreach (var genre in p.Genres)
        {
            writer.WriteStringValue(genre);
        }

        writer.WriteEndArray();
        writer.WriteString("genres_text", string.Join(' ', p.Genres.Select(g => Genres.Find(g) is { } info ? info.English + " " + info.Japanese : g)));
        writer.WriteString("demographic", Keyword(p.Demographic));
        writer.WriteNumber("volumes", p.Volumes);
        writer.WriteString("status", Keyword(p.Status));
        writer.WriteString("synopsis_en", p.SynopsisEn);
        writer.WriteString("synopsis_ja", p.SynopsisJa);
        writer.WriteNumber("price_jpy", p.PriceJpy);
        writer.WriteString("url", p.Url);
        writer.WriteString("availability", Keyword(p.Availability));
        writer.WriteString("series_id", p.SeriesId);
        writer.WriteString("series_role", Keyword(p.SeriesRole));
        writer.WriteNumber("first_published_year", p.FirstPublishedYear);
        if (!embedding.IsEmpty)
        {
            writer.WriteStartArray(EmbeddingField);
            foreach (var value in embedding)
            {
                writer.WriteNumberValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a hit's <c>_source</c>. Missing optional fields get neutral values; a missing id or title is an error.</summary>
    public static MangaProduct Read(JsonElement source) => new()
    {
        Id = Required(source, "product_id"),
        Title = Required(source, "title"),
        JapaneseTitle = Optional(source, "title_ja"),
        JapaneseTitleReading = Optional(source, "title_reading"),
        Author = new MangaAuthor(Optional(source, "author"), Optional(source, "author_ja")),
        Genres = source.TryGetProperty("genres", out var genres) && genres.ValueKind == JsonValueKind.Array
            ? genres.EnumerateArray().Where(g => g.ValueKind == JsonValueKind.String).Select(g => g.GetString()!).ToArray()
            : [],
        Demographic = Parse(source, "demographic", Demographic.Shonen),
        Volumes = Number(source, "volumes"),
        Status = Parse(source, "status", PublicationStatus.Ongoing),
        SynopsisEn = Optional(source, "synopsis_en"),
        SynopsisJa = Optional(source, "synopsis_ja"),
        PriceJpy = Number(source, "price_jpy"),
        Url = Optional(source, "url"),
        Availability = Parse(source, "availability", Availability.InStock),
        SeriesId = Optional(source, "series_id"),
        SeriesRole = Parse(source, "series_role", SeriesRole.Original),
        FirstPublishedYear = Number(source, "first_published_year"),
    };

    /// <summary>Keyword form of an enum value, as in the shipped JSON (<c>in-stock</c>, <c>spin-off</c>).</summary>
    public static string Keyword<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static TEnum Parse<TEnum>(JsonElement source, string name, TEnum fallback)
        where TEnum : struct, Enum
    {
        var text = Optional(source, name);
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Keyword(value), text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return fallback;
    }

    private static string Required(JsonElement source, string name) =>
        source.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"An OpenSearch hit has no '{name}' in its _source.");

    private static string Optional(JsonElement source, string name) =>
        source.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static int Number(JsonElement source, string name) =>
        source.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : 0;
}
