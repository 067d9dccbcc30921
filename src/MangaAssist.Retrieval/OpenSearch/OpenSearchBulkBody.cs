using System.Buffers;
using System.Text.Json;
using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>The <c>_bulk</c> NDJSON body that loads the catalog, embeddings included.</summary>
internal static class OpenSearchBulkBody
{
    /// <summary>
    /// <c>POST /_bulk</c> body: an <c>index</c> action and the document per product. Serverless vector collections do
    /// not accept custom <c>_id</c>s, so there the id travels only in the document's <c>product_id</c>.
    /// </summary>
    public static byte[] Build(IReadOnlyList<MangaProduct> products, ReadOnlySpan<float> vectors, int dimensions, OpenSearchRetrievalOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(products.Count * (2048 + dimensions * 12));
        for (var i = 0; i < products.Count; i++)
        {
            using (var writer = new Utf8JsonWriter(buffer, OpenSearchJson.WriterOptions))
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
            using (var writer = new Utf8JsonWriter(buffer, OpenSearchJson.WriterOptions))
            {
                OpenSearchDocument.Write(writer, products[i], vectors.IsEmpty ? default : vectors.Slice(i * dimensions, dimensions));
            }

            buffer.Write("\n"u8);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
