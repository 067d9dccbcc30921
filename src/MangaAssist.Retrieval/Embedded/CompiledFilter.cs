using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.Embedded;

/// <summary><see cref="RetrievalFilters"/> as bit masks; a zero mask means "any".</summary>
internal readonly record struct CompiledFilter(uint GenreMask, uint DemographicMask, uint AvailabilityMask)
{
    public bool IsEmpty => GenreMask == 0 && DemographicMask == 0 && AvailabilityMask == 0;

    /// <summary>True when a filter names only unknown genres: nothing can match then.</summary>
    public bool MatchesNothing { get; init; }

    public static CompiledFilter From(RetrievalFilters? filters)
    {
        if (filters is null || filters.IsEmpty)
        {
            return default;
        }

        uint genres = 0;
        foreach (var key in filters.Genres)
        {
            var bit = Genres.IndexOf(key);
            if (bit >= 0)
            {
                genres |= 1u << bit;
            }
        }

        uint demographics = 0;
        foreach (var demographic in filters.Demographics)
        {
            demographics |= 1u << (int)demographic;
        }

        uint availability = 0;
        foreach (var value in filters.Availability)
        {
            availability |= 1u << (int)value;
        }

        return new CompiledFilter(genres, demographics, availability) { MatchesNothing = filters.Genres.Count > 0 && genres == 0 };
    }

    public bool Matches(in DocumentAttributes document) =>
        (GenreMask == 0 || (document.GenreMask & GenreMask) != 0)
        && (DemographicMask == 0 || (DemographicMask & (1u << document.Demographic)) != 0)
        && (AvailabilityMask == 0 || (AvailabilityMask & (1u << document.Availability)) != 0);
}

/// <summary>The filterable attributes of one document, packed.</summary>
internal readonly record struct DocumentAttributes(uint GenreMask, byte Demographic, byte Availability)
{
    public static DocumentAttributes Of(MangaProduct product)
    {
        uint genres = 0;
        foreach (var key in product.Genres)
        {
            var bit = Genres.IndexOf(key);
            if (bit >= 0)
            {
                genres |= 1u << bit;
            }
        }

        return new DocumentAttributes(genres, (byte)product.Demographic, (byte)product.Availability);
    }
}
