using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>A product's names as the relevance decision reads them (normalised).</summary>
/// <param name="LatinWords">Words of the English title and the romanised author: an unknown query word may be a slip of one.</param>
/// <param name="Compact">Japanese title and author without spaces: 鈴木聡 typed without the space still names 鈴木 聡.</param>
internal sealed record DocumentNames(string[] LatinWords, string Compact)
{
    public static DocumentNames Of(MangaProduct p) => new(
        TextNormalizer.Normalize(p.Title + " " + p.Author.Name).Split((char[])[' ', '\'', ':', '-'], StringSplitOptions.RemoveEmptyEntries),
        TextNormalizer.Normalize(p.JapaneseTitle + "|" + p.Author.JapaneseName).Replace(" ", string.Empty, StringComparison.Ordinal));
}
