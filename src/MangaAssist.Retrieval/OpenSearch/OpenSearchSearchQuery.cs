using System.Buffers;
using System.Text.Json;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// The search body: a hybrid query (BM25 <c>multi_match</c> + <c>knn</c>, filters in both) or a plain BM25 query,
/// with <c>_source</c> leaving out the embedding.
/// </summary>
internal static class OpenSearchSearchQuery
{
    private static readonly string[] LexicalFields =
    [
        "title^3", "title.ngram", "title_ja^3", "title_ja.ngram", "author^2", "author_ja^2", "author_ja.ngram",
        "genres_text", "synopsis_en", "synopsis_ja",
    ];

    /// <summary>
    /// <c>POST /{index}/_search?search_pipeline={pipeline}</c> with a hybrid query; without a query vector, a plain
    /// BM25 query (send it without the pipeline).
    /// </summary>
    public static byte[] Build(string text, ReadOnlySpan<float> vector, int size, RetrievalFilters? filters, OpenSearchRetrievalOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 + vector.Length * 12);
        using (var writer = new Utf8JsonWriter(buffer, OpenSearchJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("size", size);
            writer.WriteStartObject("_source");
            OpenSearchJson.WriteStrings(writer, "excludes", OpenSearchDocument.EmbeddingField);
            writer.WriteEndObject();
            writer.WriteStartObject("query");
            if (vector.IsEmpty)
            {
                WriteLexicalClause(writer, text, filters);
            }
            else
            {
                writer.WriteStartObject("hybrid");
                writer.WriteStartArray("queries");
                WriteLexical(writer, text, filters);
                WriteKnn(writer, vector, Math.Max(options.KnnK, size), filters, options);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteLexical(Utf8JsonWriter writer, string text, RetrievalFilters? filters)
    {
        writer.WriteStartObject();
        WriteLexicalClause(writer, text, filters);
        writer.WriteEndObject();
    }

    /// <summary>The lexical query's clause (<c>multi_match</c>, or <c>bool</c> with filters) inside an open object.</summary>
    private static void WriteLexicalClause(Utf8JsonWriter writer, string text, RetrievalFilters? filters)
    {
        var hasFilters = filters is { IsEmpty: false };
        if (hasFilters)
        {
            writer.WriteStartObject("bool");
            writer.WriteStartArray("must");
            writer.WriteStartObject();
        }

        writer.WriteStartObject("multi_match");
        writer.WriteString("query", text);
        OpenSearchJson.WriteStrings(writer, "fields", LexicalFields);
        writer.WriteString("type", "most_fields");
        writer.WriteEndObject();

        if (hasFilters)
        {
            writer.WriteEndObject();
            writer.WriteEndArray();
            WriteFilterArray(writer, "filter", filters!);
            writer.WriteEndObject();
        }
    }

    private static void WriteKnn(Utf8JsonWriter writer, ReadOnlySpan<float> vector, int k, RetrievalFilters? filters, OpenSearchRetrievalOptions options)
    {
        var hasFilters = filters is { IsEmpty: false };
        // faiss (and lucene) filter during the graph search; nmslib cannot, so there the filter wraps the k-NN clause.
        var efficient = !string.Equals(options.Engine, "nmslib", StringComparison.OrdinalIgnoreCase);
        writer.WriteStartObject();
        if (hasFilters && !efficient)
        {
            writer.WriteStartObject("bool");
            writer.WriteStartArray("must");
            writer.WriteStartObject();
        }

        writer.WriteStartObject("knn");
        writer.WriteStartObject(OpenSearchDocument.EmbeddingField);
        writer.WriteStartArray("vector");
        foreach (var value in vector)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
        writer.WriteNumber("k", k);
        if (hasFilters && efficient)
        {
            writer.WriteStartObject("filter");
            writer.WriteStartObject("bool");
            WriteFilterArray(writer, "filter", filters!);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();

        if (hasFilters && !efficient)
        {
            writer.WriteEndObject();
            writer.WriteEndArray();
            WriteFilterArray(writer, "filter", filters!);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteFilterArray(Utf8JsonWriter writer, string name, RetrievalFilters filters)
    {
        writer.WriteStartArray(name);
        WriteTerms(writer, "genres", filters.Genres.Select(g => g.ToLowerInvariant()));
        WriteTerms(writer, "demographic", filters.Demographics.Select(d => OpenSearchDocument.Keyword(d)));
        WriteTerms(writer, "availability", filters.Availability.Select(a => OpenSearchDocument.Keyword(a)));
        writer.WriteEndArray();
    }

    private static void WriteTerms(Utf8JsonWriter writer, string field, IEnumerable<string> values)
    {
        var list = values.Distinct(StringComparer.Ordinal).ToArray();
        if (list.Length == 0)
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteStartObject("terms");
        OpenSearchJson.WriteStrings(writer, field, list);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
