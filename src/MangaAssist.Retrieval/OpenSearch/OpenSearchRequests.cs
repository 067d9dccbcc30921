using System.Buffers;
using System.Text.Json;
using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// The request bodies of the OpenSearch query DSL this client sends: the index (mapping with a <c>knn_vector</c>
/// HNSW field and kuromoji + n-gram text fields), the search pipeline (<c>normalization-processor</c>), the hybrid
/// query (BM25 <c>multi_match</c> + <c>knn</c>, filters in both, <c>_source</c> without the embedding) and <c>_bulk</c> NDJSON.
/// </summary>
internal static class OpenSearchRequests
{
    private static readonly string[] LexicalFields =
    [
        "title^3", "title.ngram", "title_ja^3", "title_ja.ngram", "author^2", "author_ja^2", "author_ja.ngram",
        "genres_text", "synopsis_en", "synopsis_ja",
    ];

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>PUT /{index}</c>.</summary>
    public static byte[] IndexDefinition(OpenSearchRetrievalOptions options, int dimensions) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("settings");
        writer.WriteStartObject("index");
        writer.WriteBoolean("knn", true);
        if (!options.IsServerless)
        {
            // Serverless manages shards and replicas itself and rejects these settings.
            writer.WriteNumber("number_of_shards", 1);
            writer.WriteNumber("number_of_replicas", 1);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("analysis");
        writer.WriteStartObject("tokenizer");
        writer.WriteStartObject("ja_tokenizer");
        writer.WriteString("type", "kuromoji_tokenizer");
        writer.WriteString("mode", "search");
        writer.WriteEndObject();
        writer.WriteStartObject("gram_tokenizer");
        writer.WriteString("type", "ngram");
        writer.WriteNumber("min_gram", 2);
        writer.WriteNumber("max_gram", 3);
        WriteStrings(writer, "token_chars", "letter", "digit");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("analyzer");
        writer.WriteStartObject("ja_text");
        writer.WriteString("type", "custom");
        writer.WriteString("tokenizer", "ja_tokenizer");
        WriteStrings(writer, "filter", "cjk_width", "kuromoji_baseform", "kuromoji_part_of_speech", "ja_stop", "kuromoji_stemmer", "lowercase");
        writer.WriteEndObject();
        writer.WriteStartObject("gram_text");
        writer.WriteString("type", "custom");
        writer.WriteString("tokenizer", "gram_tokenizer");
        WriteStrings(writer, "filter", "cjk_width", "lowercase");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("mappings");
        writer.WriteStartObject("properties");
        Keyword(writer, "product_id");
        Text(writer, "title", "standard", ngram: true);
        Text(writer, "title_ja", "ja_text", ngram: true);
        Text(writer, "author", "standard", ngram: false);
        Text(writer, "author_ja", "ja_text", ngram: true);
        Keyword(writer, "genres");
        Text(writer, "genres_text", "ja_text", ngram: false);
        Keyword(writer, "demographic");
        Integer(writer, "volumes");
        Keyword(writer, "status");
        Text(writer, "synopsis_en", "english", ngram: false);
        Text(writer, "synopsis_ja", "ja_text", ngram: false);
        Integer(writer, "price_jpy");
        writer.WriteStartObject("url");
        writer.WriteString("type", "keyword");
        writer.WriteBoolean("index", false);
        writer.WriteEndObject();
        Keyword(writer, "availability");
        Keyword(writer, "series_id");
        Keyword(writer, "series_role");
        Integer(writer, "first_published_year");
        writer.WriteStartObject(OpenSearchDocument.EmbeddingField);
        writer.WriteString("type", "knn_vector");
        writer.WriteNumber("dimension", dimensions);
        writer.WriteStartObject("method");
        writer.WriteString("name", "hnsw");
        writer.WriteString("space_type", options.SpaceType);
        writer.WriteString("engine", options.Engine);
        writer.WriteStartObject("parameters");
        writer.WriteNumber("ef_construction", 128);
        writer.WriteNumber("m", 16);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary><c>PUT /_search/pipeline/{name}</c>: min-max normalisation, weighted arithmetic mean (lexical, k-NN).</summary>
    public static byte[] SearchPipeline(OpenSearchRetrievalOptions options) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("description", "MangaAssist hybrid retrieval: BM25 + k-NN, min-max normalised, weighted mean");
        writer.WriteStartArray("phase_results_processors");
        writer.WriteStartObject();
        writer.WriteStartObject("normalization-processor");
        writer.WriteStartObject("normalization");
        writer.WriteString("technique", "min_max");
        writer.WriteEndObject();
        writer.WriteStartObject("combination");
        writer.WriteString("technique", "arithmetic_mean");
        writer.WriteStartObject("parameters");
        writer.WriteStartArray("weights");
        writer.WriteNumberValue(Math.Round(options.LexicalWeight, 4));
        writer.WriteNumberValue(Math.Round(1 - options.LexicalWeight, 4));
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>
    /// <c>POST /{index}/_search?search_pipeline={pipeline}</c> with a hybrid query; without a query vector, a plain
    /// BM25 query (send it without the pipeline).
    /// </summary>
    public static byte[] Search(string text, ReadOnlySpan<float> vector, int size, RetrievalFilters? filters, OpenSearchRetrievalOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 + vector.Length * 12);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("size", size);
            writer.WriteStartObject("_source");
            WriteStrings(writer, "excludes", OpenSearchDocument.EmbeddingField);
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

    /// <summary>
    /// <c>POST /_bulk</c> body: an <c>index</c> action and the document per product. Serverless vector collections do
    /// not accept custom <c>_id</c>s, so there the id travels only in the document's <c>product_id</c>.
    /// </summary>
    public static byte[] Bulk(IReadOnlyList<MangaProduct> products, ReadOnlySpan<float> vectors, int dimensions, OpenSearchRetrievalOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(products.Count * (2048 + dimensions * 12));
        for (var i = 0; i < products.Count; i++)
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteStartObject("index");
                writer.WriteString("_index", options.IndexName);
                if (!options.IsServerless)
                {
                    writer.WriteString("_id", products[i].Id);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            buffer.Write("\n"u8);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                OpenSearchDocument.Write(writer, products[i], vectors.IsEmpty ? default : vectors.Slice(i * dimensions, dimensions));
            }

            buffer.Write("\n"u8);
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
        WriteStrings(writer, "fields", LexicalFields);
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
        WriteStrings(writer, field, list);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void Keyword(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartObject(name);
        writer.WriteString("type", "keyword");
        writer.WriteEndObject();
    }

    private static void Integer(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartObject(name);
        writer.WriteString("type", "integer");
        writer.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter writer, string name, string analyzer, bool ngram)
    {
        writer.WriteStartObject(name);
        writer.WriteString("type", "text");
        writer.WriteString("analyzer", analyzer);
        if (ngram)
        {
            writer.WriteStartObject("fields");
            writer.WriteStartObject("ngram");
            writer.WriteString("type", "text");
            writer.WriteString("analyzer", "gram_text");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, params string[] values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
