using System.Globalization;
using System.Text;

namespace MangaAssist.Retrieval.Catalog;

/// <summary>The snippet a product contributes to the prompt, in the shopper's language (the other language's title is kept).</summary>
public static class PassageText
{
    public static string Build(MangaProduct product, bool japanese) => japanese ? Japanese(product) : English(product);

    private static string English(MangaProduct p)
    {
        var text = new StringBuilder(320 + p.SynopsisEn.Length);
        text.Append(p.Title).Append(" (").Append(p.JapaneseTitle).Append(") by ").Append(p.Author.Name)
            .Append(" (").Append(p.Author.JapaneseName).Append("). ");
        text.Append("Genres: ").AppendJoin(", ", p.Genres.Select(g => Genres.Find(g)?.English ?? g)).Append("; ")
            .Append(Demographics.English(p.Demographic)).Append("; ");
        text.Append(p.Volumes.ToString(CultureInfo.InvariantCulture)).Append(p.Volumes == 1 ? " volume, " : " volumes, ")
            .Append(Demographics.StatusEnglish(p.Status)).Append("; ");
        text.Append('¥').Append(p.PriceJpy.ToString("N0", CultureInfo.InvariantCulture)).Append(" per volume; ")
            .Append(Demographics.AvailabilityEnglish(p.Availability)).Append(". ");
        text.Append(p.SynopsisEn);
        return text.ToString();
    }

    private static string Japanese(MangaProduct p)
    {
        var text = new StringBuilder(200 + p.SynopsisJa.Length);
        text.Append(p.JapaneseTitle).Append('（').Append(p.Title).Append('）').Append(" 著者: ").Append(p.Author.JapaneseName)
            .Append('（').Append(p.Author.Name).Append("）。");
        text.Append("ジャンル: ").AppendJoin("、", p.Genres.Select(g => Genres.Find(g)?.Japanese ?? g)).Append('／')
            .Append(Demographics.Japanese(p.Demographic)).Append('／');
        text.Append('全').Append(p.Volumes.ToString(CultureInfo.InvariantCulture)).Append("巻・").Append(Demographics.StatusJapanese(p.Status)).Append('／');
        text.Append("1冊").Append(p.PriceJpy.ToString("N0", CultureInfo.InvariantCulture)).Append("円／")
            .Append(Demographics.AvailabilityJapanese(p.Availability)).Append('。');
        text.Append(p.SynopsisJa);
        return text.ToString();
    }

    /// <summary>The text a document is embedded from: everything a shopper might describe it by, in both languages.</summary>
    public static string ForEmbedding(MangaProduct p)
    {
        var genres = string.Join(' ', p.Genres.Select(g => Genres.Find(g) is { } info ? info.English + " " + info.Japanese : g));
        return $"{p.Title} {p.JapaneseTitle}. {p.Author.Name} {p.Author.JapaneseName}. {genres} {Demographics.English(p.Demographic)} {Demographics.Japanese(p.Demographic)}. {p.SynopsisEn} {p.SynopsisJa}";
    }
}
