using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>Generation facts the evaluation set is labelled from (never shipped in the catalog).</summary>
internal sealed record ProductFacts(string ProductId, string SeriesId, MangaAuthor Author, string PrimaryGenre, Story Story);
