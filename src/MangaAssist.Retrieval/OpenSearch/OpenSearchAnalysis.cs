using System.Text.Json;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// The <c>settings.analysis</c> of the index: index-time and query-time analyzers for English, Japanese (kuromoji),
/// romaji readings (kuromoji <c>readingform</c> with <c>use_romaji</c>, folded to ASCII) and 2–3-grams.
/// </summary>
internal static class OpenSearchAnalysis
{
    public static void Write(Utf8JsonWriter writer)
    {
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

        writer.WriteStartObject("filter");
        writer.WriteStartObject("romaji_reading");
        writer.WriteString("type", "kuromoji_readingform");
        writer.WriteBoolean("use_romaji", true);
        writer.WriteEndObject();
        writer.WriteStartObject("request_words");
        writer.WriteString("type", "stop");
        writer.WriteString("stopwords", "_english_");
        writer.WriteEndObject();
        writer.WriteEndObject();

        writer.WriteStartObject("analyzer");
        Custom(writer, "en_text", "standard", "lowercase", "asciifolding");
        Custom(writer, "en_query", "standard", "lowercase", "asciifolding", "request_words");
        Custom(writer, "ja_text", "ja_tokenizer", "cjk_width", "kuromoji_baseform", "kuromoji_part_of_speech", "kuromoji_stemmer", "lowercase");
        Custom(writer, "ja_query", "ja_tokenizer", "cjk_width", "kuromoji_baseform", "kuromoji_part_of_speech", "ja_stop", "kuromoji_stemmer", "lowercase", "request_words");
        Custom(writer, "reading_text", "ja_tokenizer", "cjk_width", "romaji_reading", "lowercase", "asciifolding");
        Custom(writer, "reading_query", "ja_tokenizer", "cjk_width", "romaji_reading", "lowercase", "asciifolding", "request_words");
        Custom(writer, "gram_text", "gram_tokenizer", "cjk_width", "lowercase");
        writer.WriteEndObject();
    }

    private static void Custom(Utf8JsonWriter writer, string name, string tokenizer, params string[] filters)
    {
        writer.WriteStartObject(name);
        writer.WriteString("type", "custom");
        writer.WriteString("tokenizer", tokenizer);
        OpenSearchJson.WriteStrings(writer, "filter", filters);
        writer.WriteEndObject();
    }
}
