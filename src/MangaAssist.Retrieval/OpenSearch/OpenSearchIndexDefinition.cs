using System.Text.Json;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// The body of <c>PUT /{index}</c>: a <c>knn_vector</c> HNSW field for the embedding and kuromoji + n-gram
/// analysed text fields for BM25.
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
        writer.WriteStartObject("tokenizer");
        writer.WriteStartObject("ja_tokenizer");
        writer.WriteString("type", "kuromoji_tokenizer");
        writer.WriteString("mode", "search");
        writer.WriteEndObject();
        writer.WriteStartObject("gram_tokenizer");
        writer.WriteString("type", "ngram");
        writer.WriteNumber("min_gram", 2);
        writer.WriteNumber("max_gram", 3);
        OpenSearchJson.WriteStrings(writer, "token_chars", "letter", "digit");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("analyzer");
        writer.WriteStartObject("ja_text");
        writer.WriteString("type", "custom");
        writer.WriteString("tokenizer", "ja_tokenizer");
        OpenSearchJson.WriteStrings(writer, "filter", "cjk_width", "kuromoji_baseform", "kuromoji_part_of_speech", "ja_stop", "kuromoji_stemmer", "lowercase");
        writer.WriteEndObject();
        writer.WriteStartObject("gram_text");
        writer.WriteString("type", "custom");
        writer.WriteString("tokenizer", "gram_tokenizer");
        OpenSearchJson.WriteStrings(writer, "filter", "cjk_width", "lowercase");
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
}
