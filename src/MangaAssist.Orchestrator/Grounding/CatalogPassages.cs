using MangaAssist.Retrieval;

namespace MangaAssist.Orchestrator.Grounding;

/// <summary>
/// What retrieval gave an answer: its passages, and whether the catalog could be searched at all. An empty list from a
/// search that ran means "the store does not carry it"; from one that timed out or failed it means nothing.
/// </summary>
public sealed record CatalogPassages(IReadOnlyList<RetrievedPassage> Passages, bool CatalogUnavailable)
{
    public static CatalogPassages None { get; } = new([], CatalogUnavailable: false);

    public static CatalogPassages Unavailable { get; } = new([], CatalogUnavailable: true);
}
