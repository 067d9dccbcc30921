
namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>The hybrid search pipeline: a <c>normalization-processor</c> that fuses the lexical and k-NN scores.</summary>
internal static class OpenSearchSearchPipeline
{
    /// <summary><c>PUT /_search/pipeline/{name}</c>: min-max normalisation, weighted arithmetic mean (lexical, k-NN).</summary>
    public static byte[] Build(OpenSearchRetrievalOptions options) => OpenSearchJson.Write(writer =>
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
}
