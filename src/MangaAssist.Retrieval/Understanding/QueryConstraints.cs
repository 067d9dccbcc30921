using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.Understanding;

/// <summary>
/// What a question asks of a product's attributes. Ranges are inclusive; a zero mask means "any". Genres are
/// required together (a "romantic comedy" is both); demographics and availability are any-of.
/// </summary>
internal sealed record QueryConstraints
{
    public static readonly QueryConstraints None = new();

    public PublicationStatus? Status { get; init; }

    public int MinVolumes { get; init; }

    public int MaxVolumes { get; init; } = int.MaxValue;

    public int MinYear { get; init; }

    public int MaxYear { get; init; } = int.MaxValue;

    public int MinPrice { get; init; }

    public int MaxPrice { get; init; } = int.MaxValue;

    /// <summary>Genre bits (<see cref="Genres.IndexOf"/>) that must all be present.</summary>
    public uint RequiredGenres { get; init; }

    /// <summary>Demographic bits (1 &lt;&lt; <see cref="Demographic"/>), any of.</summary>
    public uint Demographics { get; init; }

    /// <summary>Availability bits (1 &lt;&lt; <see cref="Availability"/>), any of.</summary>
    public uint Availability { get; init; }

    public bool IsEmpty => Status is null && MinVolumes == 0 && MaxVolumes == int.MaxValue && MinYear == 0 && MaxYear == int.MaxValue
                           && MinPrice == 0 && MaxPrice == int.MaxValue && RequiredGenres == 0 && Demographics == 0 && Availability == 0;

    /// <summary>Both sets of constraints at once (ranges intersect, masks of the same kind intersect).</summary>
    public QueryConstraints And(QueryConstraints other) => new()
    {
        Status = Status ?? other.Status,
        MinVolumes = Math.Max(MinVolumes, other.MinVolumes),
        MaxVolumes = Math.Min(MaxVolumes, other.MaxVolumes),
        MinYear = Math.Max(MinYear, other.MinYear),
        MaxYear = Math.Min(MaxYear, other.MaxYear),
        MinPrice = Math.Max(MinPrice, other.MinPrice),
        MaxPrice = Math.Min(MaxPrice, other.MaxPrice),
        RequiredGenres = RequiredGenres | other.RequiredGenres,
        Demographics = Intersect(Demographics, other.Demographics),
        Availability = Intersect(Availability, other.Availability),
    };

    public bool Matches(MangaProduct product, uint genreMask) =>
        (Status is null || product.Status == Status)
        && product.Volumes >= MinVolumes && product.Volumes <= MaxVolumes
        && product.FirstPublishedYear >= MinYear && product.FirstPublishedYear <= MaxYear
        && product.PriceJpy >= MinPrice && product.PriceJpy <= MaxPrice
        && (genreMask & RequiredGenres) == RequiredGenres
        && (Demographics == 0 || (Demographics & (1u << (int)product.Demographic)) != 0)
        && (Availability == 0 || (Availability & (1u << (int)product.Availability)) != 0);

    private static uint Intersect(uint a, uint b) => a == 0 ? b : b == 0 ? a : a & b;
}
