using System.Buffers;
using System.Text.Json;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Understanding;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// The search body: a hybrid query (BM25 <c>multi_match</c> + <c>knn</c>, filters in both) or a plain BM25 query,
/// with <c>_source</c> leaving out the embedding.
/// </summary>
internal static class OpenSearchSearchQuery
{
    // The embedded index's field weights (title 3, author 2.5, genres 0.6, synopsis 1.5, grams 1), so both backends
    // rank alike; the reading fields carry the title's and author's weight, as there.
    private static readonly string[] LexicalFields =
    [
        "title^3", "title_ja^3", "title_reading^3", "title.ngram", "author^2.5", "author_ja^2.5", "author_reading^2.5", "author.ngram",
        "genres_text^0.6", "synopsis_en^1.5", "synopsis_ja^1.5",
    ];

    /// <summary>
    /// <c>POST /{index}/_search?search_pipeline={pipeline}</c> with a hybrid query; without a query vector, a plain
    /// BM25 query (send it without the pipeline).
    /// </summary>
    public static byte[] Build(string text, ReadOnlySpan<float> vector, int size, RetrievalFilters? filters, OpenSearchRetrievalOptions options) =>
        BuildFiltered(text, vector, size, new SearchFilters(filters, QueryConstraints.None), options);

    /// <summary>The same, with the question's constraints as <c>filter</c> clauses on the keyword and numeric fields.</summary>
    /// <param name="withEmbedding">Return each hit's embedding too: the service's second stage needs it (it never leaves the service).</param>
    public static byte[] BuildFiltered(string text, ReadOnlySpan<float> vector, int size, SearchFilters filters, OpenSearchRetrievalOptions options, bool withEmbedding = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 + vector.Length * 12);
        using (var writer = new Utf8JsonWriter(buffer, OpenSearchJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("size", size);
            if (withEmbedding)
            {
                writer.WriteBoolean("_source", true);
            }
            else
            {
                writer.WriteStartObject("_source");
                OpenSearchJson.WriteStrings(writer, "excludes", OpenSearchDocument.EmbeddingField);
                writer.WriteEndObject();
            }
            writer.WriteStartObject("query");
            if (vector.IsEmpty)
            {
                WriteLexicalClause(writer, text, filters);
            }
            else
            {
                writer.WriteStartObject("hybrid");
                // How many results of each sub-query enter normalisation (OpenSearch ≥ 2.19; its default is 10).
                writer.WriteNumber("pagination_depth", Math.Max(options.PaginationDepth, size));
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

    private static void WriteLexical(Utf8JsonWriter writer, string text, SearchFilters filters)
    {
        writer.WriteStartObject();
        WriteLexicalClause(writer, text, filters);
        writer.WriteEndObject();
    }

    /// <summary>The lexical query's clause (<c>multi_match</c>, or <c>bool</c> with filters) inside an open object.</summary>
    private static void WriteLexicalClause(Utf8JsonWriter writer, string text, SearchFilters filters)
    {
        var hasFilters = !filters.IsEmpty;
        if (hasFilters)
        {
            writer.WriteStartObject("bool");
            writer.WriteStartArray("must");
            writer.WriteStartObject();
        }

        if (string.IsNullOrWhiteSpace(text) && hasFilters)
        {
            // A question made only of constraints: every product that satisfies the filters.
            writer.WriteStartObject("match_all");
            writer.WriteEndObject();
        }
        else
        {
            OpenSearchNameBoost.Write(writer, text, LexicalFields);
        }

        if (hasFilters)
        {
            writer.WriteEndObject();
            writer.WriteEndArray();
            WriteFilterArray(writer, "filter", filters);
            writer.WriteEndObject();
        }
    }

    private static void WriteKnn(Utf8JsonWriter writer, ReadOnlySpan<float> vector, int k, SearchFilters filters, OpenSearchRetrievalOptions options)
    {
        var hasFilters = !filters.IsEmpty;
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
            WriteFilterArray(writer, "filter", filters);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();

        if (hasFilters && !efficient)
        {
            writer.WriteEndObject();
            writer.WriteEndArray();
            WriteFilterArray(writer, "filter", filters);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteFilterArray(Utf8JsonWriter writer, string name, SearchFilters filters)
    {
        writer.WriteStartArray(name);
        var explicitFilters = filters.Explicit ?? new RetrievalFilters();
        var constraints = filters.Constraints;
        WriteTerms(writer, "genres", explicitFilters.Genres.Select(g => g.ToLowerInvariant()));
        WriteTerms(writer, "demographic", explicitFilters.Demographics.Select(d => OpenSearchDocument.Keyword(d)));
        WriteTerms(writer, "availability", explicitFilters.Availability.Select(a => OpenSearchDocument.Keyword(a)));

        // The question's constraints: genres all required, the rest any-of, ranges inclusive.
        foreach (var genre in Genres.All.Where(g => (constraints.RequiredGenres & (1u << Genres.IndexOf(g.Key))) != 0))
        {
            WriteTerms(writer, "genres", [genre.Key]);
        }

        WriteTerms(writer, "demographic", Enum.GetValues<Demographic>().Where(d => (constraints.Demographics & (1u << (int)d)) != 0).Select(d => OpenSearchDocument.Keyword(d)));
        WriteTerms(writer, "availability", Enum.GetValues<Availability>().Where(a => (constraints.Availability & (1u << (int)a)) != 0).Select(a => OpenSearchDocument.Keyword(a)));
        if (constraints.Status is { } status)
        {
            WriteTerms(writer, "status", [OpenSearchDocument.Keyword(status)]);
        }

        WriteRange(writer, "volumes", constraints.MinVolumes, constraints.MaxVolumes);
        WriteRange(writer, "first_published_year", constraints.MinYear, constraints.MaxYear);
        WriteRange(writer, "price_jpy", constraints.MinPrice, constraints.MaxPrice);
        writer.WriteEndArray();
    }

    private static void WriteRange(Utf8JsonWriter writer, string field, int min, int max)
    {
        if (min <= 0 && max == int.MaxValue)
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteStartObject("range");
        writer.WriteStartObject(field);
        if (min > 0)
        {
            writer.WriteNumber("gte", min);
        }

        if (max != int.MaxValue)
        {
            writer.WriteNumber("lte", max);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
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

/// <summary>The caller's filters and the question's constraints, both sent as <c>filter</c> clauses.</summary>
internal sealed record SearchFilters(RetrievalFilters? Explicit, QueryConstraints Constraints)
{
    public bool IsEmpty => Explicit is null or { IsEmpty: true } && Constraints.IsEmpty;
}
