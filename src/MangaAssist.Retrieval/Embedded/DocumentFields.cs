using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>The text of one document per <see cref="IndexField"/> (already normalised).</summary>
internal sealed record DocumentFields(string TitleEn, string TitleJa, string AuthorEn, string AuthorJa, string Tags, string Synopsis)
{
    /// <summary>The title's reading in romaji words (particles dropped by the tokenizer's fold).</summary>
    public string TitleReading { get; init; } = string.Empty;

    public string Text(IndexField field) => field switch
    {
        IndexField.TitleEn => TitleEn,
        IndexField.TitleJa => TitleJa,
        IndexField.Grams => TitleEn + " " + AuthorEn,
        IndexField.AuthorEn or IndexField.AuthorReading => AuthorEn,
        IndexField.AuthorJa => AuthorJa,
        IndexField.Tags => Tags,
        IndexField.TitleReading => TitleReading,
        _ => Synopsis,
    };

    public static DocumentFields Of(MangaProduct p)
    {
        var tags = string.Join(' ', p.Genres.Select(g => Genres.Find(g) is { } info ? $"{info.Key} {info.English} {info.Japanese}" : g))
                   + " " + Demographics.English(p.Demographic) + " " + Demographics.Japanese(p.Demographic);
        return new DocumentFields(
            TextNormalizer.Normalize(p.Title),
            TextNormalizer.Normalize(p.JapaneseTitle),
            TextNormalizer.Normalize(p.Author.Name),
            TextNormalizer.Normalize(p.Author.JapaneseName),
            TextNormalizer.Normalize(tags),
            TextNormalizer.Normalize(p.SynopsisEn + " " + p.SynopsisJa))
        {
            TitleReading = TextNormalizer.Normalize(Romaji.FromKana(p.JapaneseTitleReading)),
        };
    }
}
