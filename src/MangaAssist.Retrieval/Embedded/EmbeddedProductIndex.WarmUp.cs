namespace MangaAssist.Retrieval.Embedded;

/// <summary>Start-up work that keeps a one-time cost off the first shopper's question.</summary>
internal sealed partial class EmbeddedProductIndex
{
    /// <summary>
    /// One search through every stage (understanding, BM25, the compact scan, fusion, the relevance decision), so the
    /// JIT compiles the search path — fully optimised at its first call, see <see cref="Search"/> — before the index
    /// is published rather than during a shopper's first question (0.2–0.5 s on the loaded 2-core machine).
    /// </summary>
    public void WarmUp()
    {
        if (_products.Length == 0)
        {
            return;
        }

        // The first product's own row as the query vector: non-zero, so the compact scan (not its zero-vector
        // fallback) runs; a confidence bar above 0, so the relevance decision runs too.
        Search(_products[0].Title + " manga", _vectors.AsSpan(0, Dimensions), 5, null, minimumConfidence: 0.5f);
    }
}
