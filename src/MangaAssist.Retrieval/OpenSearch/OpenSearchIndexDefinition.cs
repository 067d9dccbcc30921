using System.Text.Json;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// The body of <c>PUT /{index}</c>: a <c>knn_vector</c> HNSW field for the embedding, kuromoji + n-gram analysed text
/// fields for BM25, romaji reading fields (<c>kuromoji_readingform</c>), and keyword / integer fields for the filters.
/// Queries drop request words (a <c>search_analyzer</c> with stop filters); documents keep every word, as in the
/// embedded index.
/// </summary>
internal static class OpenSearchIndexDefinition
{
    /// <summary><c>PUT /{index}</c>.</summary>
    public static byte[] Build(OpenSearchRetrievalOptions options, int dimensions) => OpenSearchJson.Write(writer =>
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
        OpenSearchAnalysis.Write(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("mappings");
        writer.WriteStartObject("properties");
        Keyword(writer, "product_id");
        Text(writer, "title", "en_text", "en_query", ngram: true);
        Text(writer, "title_ja", "ja_text", "ja_query", ngram: false);
        Text(writer, "title_reading", "reading_text", "reading_query", ngram: false);
        Text(writer, "author", "en_text", "en_query", ngram: true);
        Text(writer, "author_ja", "ja_text", "ja_query", ngram: false);
        Text(writer, "author_reading", "reading_text", "reading_query", ngram: false);
        Keyword(writer, "genres");
        Text(writer, "genres_text", "ja_text", "ja_query", ngram: false);
        Keyword(writer, "demographic");
        Integer(writer, "volumes");
        Keyword(writer, "status");
        Text(writer, "synopsis_en", "en_text", "en_query", ngram: false);
        Text(writer, "synopsis_ja", "ja_text", "ja_query", ngram: false);
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

    private static void Text(Utf8JsonWriter writer, string name, string analyzer, string searchAnalyzer, bool ngram)
    {
        writer.WriteStartObject(name);
        writer.WriteString("type", "text");
        writer.WriteString("analyzer", analyzer);
        writer.WriteString("search_analyzer", searchAnalyzer);
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
}
