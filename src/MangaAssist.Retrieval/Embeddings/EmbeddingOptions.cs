using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Retrieval.Embeddings;

/// <summary>Which embedding model to ask the registered <c>IEmbeddingGenerator</c> for, and the query cache.</summary>
public sealed class EmbeddingOptions
{
    /// <summary>Embedding model.</summary>
    /// <value>The default value is <c>amazon.titan-embed-text-v2:0</c>.</value>
    [Required]
    public string ModelId { get; set; } = "amazon.titan-embed-text-v2:0";

    /// <summary>
    /// Embedding size: 256, 512 or 1024 for Titan Text Embeddings v2. 512 halves the bytes a search reads (the
    /// embedded index's p99 follows them) for about 1 % of Titan's accuracy, as AWS measured it.
    /// </summary>
    /// <value>The default value is 512.</value>
    [Range(8, 8192)]
    public int Dimensions { get; set; } = 512;

    /// <summary>Query embeddings kept (least recently used are dropped), keyed by the normalised query.</summary>
    /// <value>The default value is 4096.</value>
    [Range(0, 10_000_000)]
    public int QueryCacheSize { get; set; } = 4_096;

    /// <summary>How long a query waits for its embedding before it is answered by BM25 alone.</summary>
    /// <value>The default value is 1.5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(1.5);
}
