namespace MangaAssist.Retrieval;

/// <summary>Finds the catalog products that answer a shopper's question. One implementation per backend.</summary>
public interface IProductRetriever
{
    /// <summary>
    /// The best <see cref="RetrievalQuery.TopK"/> products for <paramref name="query"/>, best first. Answers an empty
    /// list (never throws for "nothing found") when nothing matches or the index is not ready yet.
    /// </summary>
    Task<IReadOnlyList<RetrievedPassage>> SearchAsync(RetrievalQuery query, CancellationToken cancellationToken);
}
