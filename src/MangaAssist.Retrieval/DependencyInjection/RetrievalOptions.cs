using System.ComponentModel.DataAnnotations;
using MangaAssist.Retrieval.Embedded;

namespace MangaAssist.Retrieval.DependencyInjection;

/// <summary>Settings of product retrieval (section <c>Retrieval</c>).</summary>
public sealed class RetrievalOptions
{
    /// <summary>A catalog JSON file to use instead of the shipped one (same shape as <c>Data/catalog.json</c>).</summary>
    /// <value>The default value is null: the catalog embedded in MangaAssist.Retrieval.</value>
    public string? CatalogPath { get; set; }

    /// <summary>Query and document embeddings.</summary>
    public EmbeddingOptions Embeddings { get; set; } = new();

    /// <summary>The in-process index, used when <see cref="OpenSearchRetrievalOptions.Endpoint"/> is not set.</summary>
    public EmbeddedRetrievalOptions Embedded { get; set; } = new();

    /// <summary>OpenSearch; setting its <c>Endpoint</c> selects it.</summary>
    public OpenSearchRetrievalOptions OpenSearch { get; set; } = new();
}

/// <summary>Which embedding model to ask the registered <c>IEmbeddingGenerator</c> for, and the query cache.</summary>
public sealed class EmbeddingOptions
{
    /// <summary>Embedding model.</summary>
    /// <value>The default value is <c>amazon.titan-embed-text-v2:0</c>.</value>
    [Required]
    public string ModelId { get; set; } = "amazon.titan-embed-text-v2:0";

    /// <summary>Embedding size: 256, 512 or 1024 for Titan Text Embeddings v2.</summary>
    /// <value>The default value is 1024.</value>
    [Range(8, 8192)]
    public int Dimensions { get; set; } = 1024;

    /// <summary>Query embeddings kept (least recently used are dropped), keyed by the normalised query.</summary>
    /// <value>The default value is 4096.</value>
    [Range(0, 10_000_000)]
    public int QueryCacheSize { get; set; } = 4_096;

    /// <summary>How long a query waits for its embedding before it is answered by BM25 alone.</summary>
    /// <value>The default value is 1.5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(1.5);
}

/// <summary>The embedded hybrid index (section <c>Retrieval:Embedded</c>).</summary>
public sealed class EmbeddedRetrievalOptions
{
    /// <summary>Weight of the normalised BM25 score in the fused score.</summary>
    /// <value>The default value is 0.7.</value>
    [Range(0.0, 1.0)]
    public float Bm25Weight { get; set; } = 0.7f;

    /// <summary>Weight of the normalised cosine similarity in the fused score.</summary>
    /// <value>The default value is 0.3.</value>
    [Range(0.0, 1.0)]
    public float VectorWeight { get; set; } = 0.3f;

    /// <summary>How scores are normalised before fusion.</summary>
    /// <value>The default value is <see cref="HybridNormalization.ZScore"/> (better than min-max on the dev split; see the README).</value>
    public HybridNormalization Normalization { get; set; } = HybridNormalization.ZScore;

    /// <summary>Best documents of each list that take part in the fusion.</summary>
    /// <value>The default value is 100.</value>
    [Range(10, 2000)]
    public int CandidateCount { get; set; } = 100;

    /// <summary>BM25 k1.</summary>
    /// <value>The default value is 1.2.</value>
    [Range(0.0, 3.0)]
    public float K1 { get; set; } = 1.2f;

    /// <summary>BM25 b.</summary>
    /// <value>The default value is 0.75.</value>
    [Range(0.0, 1.0)]
    public float B { get; set; } = 0.75f;

    /// <summary>Share of a title or author score kept when the query covers none of the name; the rest grows with the covered share squared.</summary>
    /// <value>The default value is 0.1.</value>
    [Range(0.0, 1.0)]
    public float CoverageFloor { get; set; } = 0.1f;

    /// <summary>Multiplier of a title or author score when the query contains the whole name.</summary>
    /// <value>The default value is 1.5.</value>
    [Range(1.0, 10.0)]
    public float ExactNameBoost { get; set; } = 1.5f;

    /// <summary>Field weights of BM25.</summary>
    /// <value>The default values are Title 3, Grams 1, Author 2.5, Tags 0.6, Synopsis 1.5.</value>
    public FieldWeightOptions FieldWeights { get; set; } = new();

    /// <summary>Products per embedding call while the index is built.</summary>
    /// <value>The default value is 16.</value>
    [Range(1, 512)]
    public int EmbeddingBatchSize { get; set; } = 16;

    /// <summary>Embedding calls in flight while the index is built.</summary>
    /// <value>The default value is 4.</value>
    [Range(1, 64)]
    public int EmbeddingParallelism { get; set; } = 4;

    /// <summary>A file that keeps document embeddings between starts (reused when model, size and catalog text match).</summary>
    /// <value>The default value is null: embeddings are computed at every start.</value>
    public string? EmbeddingCachePath { get; set; }

    /// <summary>How long a search waits for the index while it is still being built; afterwards it answers an empty list.</summary>
    /// <value>The default value is 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan NotReadyWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest pause between attempts when building the index fails (for example Bedrock not reachable yet).</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    internal EmbeddedIndexSettings ToSettings() => new()
    {
        K1 = K1,
        B = B,
        TitleWeight = FieldWeights.Title,
        GramsWeight = FieldWeights.Grams,
        CoverageFloor = CoverageFloor,
        ExactNameBoost = ExactNameBoost,
        AuthorWeight = FieldWeights.Author,
        TagsWeight = FieldWeights.Tags,
        SynopsisWeight = FieldWeights.Synopsis,
        Bm25Weight = Bm25Weight,
        VectorWeight = VectorWeight,
        Normalization = Normalization,
        CandidateCount = CandidateCount,
    };
}

/// <summary>BM25 field weights of the embedded index.</summary>
public sealed class FieldWeightOptions
{
    [Range(0.0, 100.0)]
    public float Title { get; set; } = 3.0f;

    /// <summary>Character trigrams of title and author words (typo tolerance).</summary>
    [Range(0.0, 100.0)]
    public float Grams { get; set; } = 1.0f;

    [Range(0.0, 100.0)]
    public float Author { get; set; } = 2.5f;

    [Range(0.0, 100.0)]
    public float Tags { get; set; } = 0.6f;

    [Range(0.0, 100.0)]
    public float Synopsis { get; set; } = 1.5f;
}
