using System.ComponentModel.DataAnnotations;
using MangaAssist.ServiceDefaults.Http;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>OpenSearch (managed domain <c>es</c> or Serverless collection <c>aoss</c>), section <c>Retrieval:OpenSearch</c>.</summary>
/// <remarks>The pool (<see cref="UpstreamHttpOptions"/>) defaults to 64 keep-alive connections.</remarks>
public sealed class OpenSearchRetrievalOptions : UpstreamHttpOptions
{
    public OpenSearchRetrievalOptions()
        : base(defaultMaxConnections: 64)
    {
    }

    /// <summary>Domain or collection endpoint, for example <c>https://abc123.us-east-1.aoss.amazonaws.com</c>. Setting it selects OpenSearch.</summary>
    /// <value>The default value is null: the embedded index is used.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Region of the SigV4 scope.</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    [Required]
    public string Region { get; set; } = "us-east-1";

    /// <summary>SigV4 service name: <c>es</c> (managed domain) or <c>aoss</c> (Serverless).</summary>
    /// <value>The default value is null: <c>aoss</c> when the host ends in <c>.aoss.amazonaws.com</c>, else <c>es</c>.</value>
    public string? Service { get; set; }

    /// <summary>Index name.</summary>
    /// <value>The default value is <c>manga-products</c>.</value>
    [Required]
    public string IndexName { get; set; } = "manga-products";

    /// <summary>Search pipeline with the normalization processor.</summary>
    /// <value>The default value is <c>manga-hybrid</c>.</value>
    [Required]
    public string SearchPipeline { get; set; } = "manga-hybrid";

    /// <summary>k-NN engine of the HNSW field: <c>faiss</c> or <c>nmslib</c>.</summary>
    /// <value>The default value is <c>faiss</c>.</value>
    [Required]
    public string Engine { get; set; } = "faiss";

    /// <summary>Vector space: <c>cosinesimil</c>, <c>innerproduct</c> or <c>l2</c>.</summary>
    /// <value>The default value is <c>cosinesimil</c> (faiss supports it from OpenSearch 2.19; Titan vectors are unit length, so <c>innerproduct</c> ranks the same on older domains).</value>
    [Required]
    public string SpaceType { get; set; } = "cosinesimil";

    /// <summary>Weight of the lexical (BM25) sub-query in the pipeline's arithmetic mean; the k-NN sub-query gets 1 − this.</summary>
    /// <value>The default value is 0.7: the embedded index's fusion weights (BM25 0.7, vectors 0.3, chosen on the dev split),
    /// so both backends rank alike.</value>
    [Range(0.0, 1.0)]
    public double LexicalWeight { get; set; } = 0.7;

    /// <summary>Neighbours the k-NN sub-query returns per shard.</summary>
    /// <value>The default value is 100, as the embedded index's <c>CandidateCount</c>.</value>
    [Range(1, 10_000)]
    public int KnnK { get; set; } = 100;

    /// <summary>Results of each hybrid sub-query that enter the pipeline's normalisation (<c>pagination_depth</c>).</summary>
    /// <value>The default value is 100, as the embedded index's <c>CandidateCount</c>.</value>
    [Range(1, 10_000)]
    public int PaginationDepth { get; set; } = 100;

    /// <summary>
    /// Candidates (with their embeddings) a search asks for; the service's second stage ranks them. Fewer means smaller
    /// responses (about 5 KB per candidate at 512 dimensions, 10 KB at 1,024) and more questions whose five differ
    /// from the embedded index's (50: 81 %, 100: 95 %, 200: 99 % the same on the 640 shipped questions of an earlier
    /// ranking; on today's 810, 200: 97.8 %, 250: 98.6 %, 300: 99.3 %). The embedded index pools 200; this pool is
    /// larger because OpenSearch's first stage cannot weigh a question's facets (the embedded index's facet balance)
    /// and so ranks some of the products the second stage lifts lower than the embedded first stage does.
    /// </summary>
    /// <value>The default value is 250.</value>
    [Range(5, 1_000)]
    public int PoolSize { get; set; } = 250;

    /// <summary>Timeout of one search.</summary>
    /// <value>The default value is 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan SearchTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Documents per <c>_bulk</c> request when indexing.</summary>
    /// <value>The default value is 200.</value>
    [Range(1, 10_000)]
    public int BulkBatchSize { get; set; } = 200;

    public bool IsConfigured => Endpoint is not null;

    public string ResolveService() =>
        !string.IsNullOrWhiteSpace(Service) ? Service
        : Endpoint is not null && Endpoint.Host.EndsWith(".aoss.amazonaws.com", StringComparison.OrdinalIgnoreCase) ? "aoss"
        : "es";

    public bool IsServerless => ResolveService() == "aoss";
}
