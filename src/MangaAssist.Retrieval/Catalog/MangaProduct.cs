namespace MangaAssist.Retrieval.Catalog;

/// <summary>One manga product (a series or one of its sequels / spin-offs) of the MangaAssist store.</summary>
public sealed record MangaProduct
{
    /// <summary>Stable id, <c>MA-00001</c> …</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string JapaneseTitle { get; init; }

    /// <summary>
    /// Reading of the Japanese title in hiragana, words separated by spaces (Latin parts kept): what shoppers
    /// type as kana or romaji. Empty for catalogs that carry no readings.
    /// </summary>
    public string JapaneseTitleReading { get; init; } = string.Empty;

    public required MangaAuthor Author { get; init; }

    /// <summary>Genre keys from <see cref="Genres"/>, the main genre first.</summary>
    public required IReadOnlyList<string> Genres { get; init; }

    public required Demographic Demographic { get; init; }

    public required int Volumes { get; init; }

    public required PublicationStatus Status { get; init; }

    public required string SynopsisEn { get; init; }

    public required string SynopsisJa { get; init; }

    /// <summary>Price of one volume in yen, tax included.</summary>
    public required int PriceJpy { get; init; }

    public required string Url { get; init; }

    public required Availability Availability { get; init; }

    /// <summary>Id shared by a series' original, sequels and spin-offs.</summary>
    public required string SeriesId { get; init; }

    public required SeriesRole SeriesRole { get; init; }

    public required int FirstPublishedYear { get; init; }
}

/// <summary>An author, romanised (family name first, as the store prints it) and in Japanese.</summary>
public sealed record MangaAuthor(string Name, string JapaneseName);

public enum Demographic
{
    Shonen,
    Shojo,
    Seinen,
    Josei,
    Kodomo,
}

public enum PublicationStatus
{
    Ongoing,
    Completed,
    Hiatus,
}

public enum Availability
{
    InStock,
    LowStock,
    Preorder,
    OutOfStock,
}

public enum SeriesRole
{
    Original,
    Sequel,
    SpinOff,
}
