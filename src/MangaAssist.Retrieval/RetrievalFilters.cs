using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval;

/// <summary>
/// Hard filters. Each non-empty list is a disjunction (any of), and the lists are combined with AND.
/// Genres are the catalog's genre keys (<see cref="Genres.All"/>, for example <c>romance</c>).
/// </summary>
public sealed record RetrievalFilters
{
    public IReadOnlyList<string> Genres { get; init; } = [];

    public IReadOnlyList<Demographic> Demographics { get; init; } = [];

    public IReadOnlyList<Availability> Availability { get; init; } = [];

    public bool IsEmpty => Genres.Count == 0 && Demographics.Count == 0 && Availability.Count == 0;
}
