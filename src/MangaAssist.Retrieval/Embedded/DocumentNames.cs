using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>A product's names as the relevance decision reads them (normalised).</summary>
/// <param name="LatinWords">Words of the English title and the romanised author: an unknown query word may be a slip of one.</param>
/// <param name="Compact">Japanese title and author without spaces: 鈴木聡 typed without the space still names 鈴木 聡.</param>
internal sealed record DocumentNames(string[] LatinWords, string Compact)
{
    /// <summary>Content words of the English title (request words such as "the", "next" dropped).</summary>
    public NameWord[] TitleWords { get; init; } = [];

    /// <summary>Words of the romanised author name.</summary>
    public NameWord[] AuthorWords { get; init; } = [];

    /// <summary>Content words of the title's reading in folded romaji.</summary>
    public NameWord[] ReadingWords { get; init; } = [];

    /// <summary>The whole title reading in folded romaji without spaces (kurenainoyaiba), for kana-typed titles.</summary>
    public string ReadingCompact { get; init; } = string.Empty;

    public string JapaneseTitle { get; init; } = string.Empty;

    public string JapaneseAuthor { get; init; } = string.Empty;

    public static DocumentNames Of(MangaProduct p)
    {
        var reading = TextNormalizer.Normalize(Romaji.FromKana(p.JapaneseTitleReading));
        return new DocumentNames(
            TextNormalizer.Normalize(p.Title + " " + p.Author.Name).Split((char[])[' ', '\'', ':', '-'], StringSplitOptions.RemoveEmptyEntries),
            Compacted(p.JapaneseTitle + "|" + p.Author.JapaneseName))
        {
            TitleWords = NameWordSink.Of(TextNormalizer.Normalize(p.Title)),
            AuthorWords = NameWordSink.Of(TextNormalizer.Normalize(p.Author.Name)),
            ReadingWords = NameWordSink.Of(reading),
            ReadingCompact = Romaji.Fold(reading.Replace(" ", string.Empty, StringComparison.Ordinal)),
            JapaneseTitle = Compacted(p.JapaneseTitle),
            JapaneseAuthor = Compacted(p.Author.JapaneseName),
        };
    }

    /// <summary>Normalised text without spaces: how a Japanese name is found inside a question.</summary>
    public static string Compacted(string text) => TextNormalizer.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal);
}
