using System.Text.RegularExpressions;

namespace MangaAssist.Retrieval.Understanding;

/// <summary>
/// The phrases that state constraints, over normalised text (lower case, katakana folded to hiragana, NFKC digits).
/// Source-generated so a query pays microseconds, not a compile.
/// </summary>
internal static partial class ConstraintPatterns
{
    private const string Vol = @"\s*(?:vol(?:ume)?s?|books|tankobon)\b";
    private const string Yen = @"(?:¥\s*(?<n>\d{2,5})|(?<n>\d{2,5})\s*(?:yen|円|jpy))";

    [GeneratedRegex(@"\b(?:under|less than|fewer than|below)\s+(?<n>\d{1,3})" + Vol, RegexOptions.CultureInvariant)]
    public static partial Regex VolumesBelow();

    [GeneratedRegex(@"\b(?:at most|up to|no more than|max(?:imum)?)\s+(?<n>\d{1,3})" + Vol + @"|\b(?<n>\d{1,3})" + Vol + @"\s+or\s+(?:less|fewer|under)\b|(?<n>\d{1,3})\s*巻\s*(?:以内|以下|まで)", RegexOptions.CultureInvariant)]
    public static partial Regex VolumesAtMost();

    [GeneratedRegex(@"\b(?:over|more than)\s+(?<n>\d{1,3})" + Vol, RegexOptions.CultureInvariant)]
    public static partial Regex VolumesAbove();

    [GeneratedRegex(@"\bat least\s+(?<n>\d{1,3})" + Vol + @"|\b(?<n>\d{1,3})" + Vol + @"\s+or\s+more\b|(?<n>\d{1,3})\s*巻\s*以上", RegexOptions.CultureInvariant)]
    public static partial Regex VolumesAtLeast();

    [GeneratedRegex(@"(?<n>\d{1,3})\s*巻\s*未満", RegexOptions.CultureInvariant)]
    public static partial Regex VolumesBelowJa();

    [GeneratedRegex(@"\bbetween\s+(?<a>\d{1,3})\s+and\s+(?<b>\d{1,3})" + Vol + @"|\b(?<a>\d{1,3})\s*(?:-|to|~)\s*(?<b>\d{1,3})" + Vol + @"|(?<a>\d{1,3})\s*巻?\s*(?:〜|~|-|から)\s*(?<b>\d{1,3})\s*巻", RegexOptions.CultureInvariant)]
    public static partial Regex VolumesBetween();

    [GeneratedRegex(@"\b(?:under|less than|below|cheaper than)\s*" + Yen + @"|(?<n>\d{2,5})\s*円\s*未満", RegexOptions.CultureInvariant)]
    public static partial Regex PriceBelow();

    [GeneratedRegex(@"\b(?:at most|up to|no more than|max(?:imum)?)\s*" + Yen + "|" + Yen + @"\s*(?:or less|or under|or cheaper|以下|以内|まで)", RegexOptions.CultureInvariant)]
    public static partial Regex PriceAtMost();

    [GeneratedRegex(@"\b(?:over|more than)\s*" + Yen + @"|(?<n>\d{2,5})\s*円\s*以上", RegexOptions.CultureInvariant)]
    public static partial Regex PriceAbove();

    [GeneratedRegex(@"(?:\bthe\s+)?(?:\b(?<c>19|20)(?<d>\d)0s\b|'?\b(?<d>\d)0s\b)|(?<c>19|20)?(?<d>\d)0\s*年代", RegexOptions.CultureInvariant)]
    public static partial Regex Decade();

    [GeneratedRegex(@"\b(?<op>after|since|from|starting in|started in)\s+(?<y>(?:19|20)\d{2})\b|(?<y>(?:19|20)\d{2})\s*年\s*(?<op>以降|から|より後)", RegexOptions.CultureInvariant)]
    public static partial Regex YearFrom();

    [GeneratedRegex(@"\b(?<op>before|until|up to)\s+(?<y>(?:19|20)\d{2})\b|(?<y>(?:19|20)\d{2})\s*年\s*(?<op>以前|まで|より前)", RegexOptions.CultureInvariant)]
    public static partial Regex YearUntil();

    [GeneratedRegex(@"\b(?:completed|complete|finished|ended|concluded)\b|完結(?:済み|済|した|作品|してる|している)?", RegexOptions.CultureInvariant)]
    public static partial Regex Completed();

    [GeneratedRegex(@"\b(?:ongoing|on-going|still running|still publishing|currently running|not finished)\b|連載中|連載継続中", RegexOptions.CultureInvariant)]
    public static partial Regex Ongoing();

    [GeneratedRegex(@"\bon hiatus\b|\bhiatus\b|休載中?", RegexOptions.CultureInvariant)]
    public static partial Regex Hiatus();

    [GeneratedRegex(@"\bin[ -]stock\b|\bavailable(?: now)?\b|在庫(?:あり|がある|のある)", RegexOptions.CultureInvariant)]
    public static partial Regex InStock();

    [GeneratedRegex(@"\bpre-?orders?\b|予約(?:受付中|できる)?", RegexOptions.CultureInvariant)]
    public static partial Regex Preorder();

    [GeneratedRegex(@"\bfor (?:kids|children|young readers|little ones)\b|\bkids\b|\bchildren'?s?\b|(?:子供|子ども|こども|児童|きっず)向け", RegexOptions.CultureInvariant)]
    public static partial Regex ForKids();

    [GeneratedRegex(@"\bfor (?:adults|grown-?ups)\b|大人向け", RegexOptions.CultureInvariant)]
    public static partial Regex ForAdults();

    /// <summary>Words that only frame a constraint question; gone, they show whether anything else was asked.</summary>
    [GeneratedRegex(@"\b(?:short|long|published|released|started|starting|running|series|from|after|yen|vol|and|that|is|are|which|ones?)\b|始まった|開始|発売|向け|漫画|作品|もの|済み", RegexOptions.CultureInvariant)]
    public static partial Regex FramingWords();
}
