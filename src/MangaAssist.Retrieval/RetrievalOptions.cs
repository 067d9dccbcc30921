using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.OpenSearch;

namespace MangaAssist.Retrieval;

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
