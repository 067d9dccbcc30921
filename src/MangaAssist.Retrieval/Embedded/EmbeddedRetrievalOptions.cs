using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Retrieval.Embedded;

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
    /// <value>The default value is 0.1 (0.3 before the dev descriptions grew): synopses differ in length mostly by their genre and sequel lines, which say little about the story asked for.</value>
    [Range(0.0, 1.0)]
    public float B { get; set; } = 0.1f;

    /// <summary>Share of a title or author score kept when the query covers none of the name; the rest grows with the covered share squared.</summary>
    /// <value>The default value is 0.1.</value>
    [Range(0.0, 1.0)]
    public float CoverageFloor { get; set; } = 0.1f;

    /// <summary>Multiplier of a title or author score when the query contains the whole name.</summary>
    /// <value>The default value is 1.5.</value>
    [Range(1.0, 10.0)]
    public float ExactNameBoost { get; set; } = 1.5f;

    /// <summary>
    /// Relevance a result must reach (0–1: the idf-weighted share of the question's content it contains) for the
    /// search to answer at all; below it the catalog is taken not to have what was asked. 0 turns this off.
    /// Chosen on the dev split of the shopper questions (<c>calibrate</c>).
    /// </summary>
    /// <value>The default value is 0.66.</value>
    [Range(0.0, 1.0)]
    public float AbstainBelow { get; set; } = 0.66f;

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

    /// <summary>
    /// A file that keeps document embeddings between starts (reused when model, size and catalog text match);
    /// <c>none</c> turns the cache off. The service's default (null) is one file per fingerprint under
    /// <c>$XDG_CACHE_HOME/mangaassist</c> (or <c>~/.cache/mangaassist</c>); tools and tests without it compute them.
    /// </summary>
    /// <value>The default value is null.</value>
    public string? EmbeddingCachePath { get; set; }

    /// <summary>
    /// How long a search (and the service's grounding) waits for the index while it is still being built; afterwards
    /// it answers an empty list. Long enough for a cold build (≈2.3 s for the shipped catalog) to finish.
    /// </summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan NotReadyWait { get; set; } = TimeSpan.FromSeconds(10);

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
