namespace MangaAssist.Retrieval.Embedded;

/// <summary>How BM25 and vector scores are brought to one scale before the weighted sum.</summary>
public enum HybridNormalization
{
    /// <summary>(score − min) / (max − min) over each list's candidates, as OpenSearch's <c>min_max</c>; a document missing from a list scores 0 there.</summary>
    MinMax,

    /// <summary>(score − mean) / standard deviation over every document that passes the filters.</summary>
    ZScore,
}
