using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>The generated products, in catalog order, and the facts each was made from.</summary>
internal sealed record GeneratedCatalog(IReadOnlyList<MangaProduct> Products, IReadOnlyList<ProductFacts> Facts);
