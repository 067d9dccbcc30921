namespace MangaAssist.Retrieval.Ranking;

/// <summary>
/// The second stage both backends share. A first stage (the embedded index's fusion, or OpenSearch's hybrid query)
/// only finds a pool of candidates; this re-scores each one from features computed the same way whichever backend
/// found it — the catalog's lexical score (BM25F with name coverage, readings and typo slips) divided by the best
/// lexical score among the products the filters allow, plus the cosine of query and product embeddings. A product's
/// final score therefore does not depend on the pool it came in, so two backends whose pools both hold the best five
/// answer the same five, in the same order.
/// </summary>
internal readonly record struct SecondStage(float LexicalWeight, float VectorWeight)
{
    /// <summary>Candidates a first stage hands over: enough that the best five by the second stage are nearly always among them.</summary>
    public const int PoolSize = 200;

    /// <param name="lexical">The product's lexical score (0 when it matched no term).</param>
    /// <param name="bestLexical">The best lexical score of any product the filters allow (0 when none matched).</param>
    /// <param name="cosine">Cosine of query and product embeddings; 0 without vectors.</param>
    public float Score(float lexical, float bestLexical, float cosine) =>
        LexicalWeight * (bestLexical > 0 ? lexical / bestLexical : 0f) + VectorWeight * cosine;
}
