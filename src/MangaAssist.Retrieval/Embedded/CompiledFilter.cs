using System.Runtime.CompilerServices;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Understanding;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// <see cref="RetrievalFilters"/> and the question's <see cref="QueryConstraints"/> as bit masks and ranges; a zero
/// mask means "any".
/// </summary>
internal readonly record struct CompiledFilter(uint GenreMask, uint DemographicMask, uint AvailabilityMask)
{
    /// <summary>Genres that must all be present (from the question: "romantic comedy").</summary>
    public uint RequiredGenres { get; init; }

    /// <summary>Status bits (1 &lt;&lt; <see cref="PublicationStatus"/>), any of.</summary>
    public uint StatusMask { get; init; }

    public int MinVolumes { get; init; }

    public int MaxVolumes { get; init; }

    public int MinYear { get; init; }

    public int MaxYear { get; init; }

    public int MinPrice { get; init; }

    public int MaxPrice { get; init; }

    private bool HasRanges => MinVolumes > 0 || MaxVolumes is > 0 and < int.MaxValue || MinYear > 0 || MaxYear is > 0 and < int.MaxValue || MinPrice > 0 || MaxPrice is > 0 and < int.MaxValue;

    public bool IsEmpty => GenreMask == 0 && DemographicMask == 0 && AvailabilityMask == 0 && RequiredGenres == 0 && StatusMask == 0 && !HasRanges;

    /// <summary>True when a filter names only unknown genres, or asks for disjoint values: nothing can match then.</summary>
    public bool MatchesNothing { get; init; }

    public static CompiledFilter From(RetrievalFilters? filters) => From(filters, QueryConstraints.None);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CompiledFilter From(RetrievalFilters? filters, QueryConstraints constraints)
    {
        uint genres = 0, demographics = 0, availability = 0;
        var unknownGenresOnly = false;
        if (filters is { IsEmpty: false })
        {
            foreach (var key in filters.Genres)
            {
                var bit = Genres.IndexOf(key);
                genres |= bit >= 0 ? 1u << bit : 0;
            }

            foreach (var demographic in filters.Demographics)
            {
                demographics |= 1u << (int)demographic;
            }

            foreach (var value in filters.Availability)
            {
                availability |= 1u << (int)value;
            }

            unknownGenresOnly = filters.Genres.Count > 0 && genres == 0;
        }

        var demographicMask = Intersect(demographics, constraints.Demographics, out var disjointDemographics);
        var availabilityMask = Intersect(availability, constraints.Availability, out var disjointAvailability);
        return new CompiledFilter(genres, demographicMask, availabilityMask)
        {
            RequiredGenres = constraints.RequiredGenres,
            StatusMask = constraints.Status is { } status ? 1u << (int)status : 0,
            MinVolumes = constraints.MinVolumes,
            MaxVolumes = constraints.MaxVolumes,
            MinYear = constraints.MinYear,
            MaxYear = constraints.MaxYear,
            MinPrice = constraints.MinPrice,
            MaxPrice = constraints.MaxPrice,
            MatchesNothing = unknownGenresOnly || disjointDemographics || disjointAvailability
                || constraints.MinVolumes > constraints.MaxVolumes || constraints.MinYear > constraints.MaxYear || constraints.MinPrice > constraints.MaxPrice,
        };
    }

    public bool Matches(in DocumentAttributes document) =>
        (GenreMask == 0 || (document.GenreMask & GenreMask) != 0)
        && (document.GenreMask & RequiredGenres) == RequiredGenres
        && (DemographicMask == 0 || (DemographicMask & (1u << document.Demographic)) != 0)
        && (AvailabilityMask == 0 || (AvailabilityMask & (1u << document.Availability)) != 0)
        && (StatusMask == 0 || (StatusMask & (1u << document.Status)) != 0)
        && (!HasRanges || InRanges(document));

    private bool InRanges(in DocumentAttributes document) =>
        document.Volumes >= MinVolumes && document.Volumes <= (MaxVolumes == 0 ? int.MaxValue : MaxVolumes)
        && document.Year >= MinYear && document.Year <= (MaxYear == 0 ? int.MaxValue : MaxYear)
        && document.Price >= MinPrice && document.Price <= (MaxPrice == 0 ? int.MaxValue : MaxPrice);

    private static uint Intersect(uint a, uint b, out bool disjoint)
    {
        disjoint = a != 0 && b != 0 && (a & b) == 0;
        return a == 0 ? b : b == 0 ? a : a & b;
    }
}

/// <summary>The filterable attributes of one document, packed.</summary>
internal readonly record struct DocumentAttributes(uint GenreMask, byte Demographic, byte Availability, byte Status, short Volumes, short Year, int Price)
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

        return new DocumentAttributes(genres, (byte)product.Demographic, (byte)product.Availability, (byte)product.Status, (short)product.Volumes, (short)product.FirstPublishedYear, product.PriceJpy);
    }
}
