using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Understanding;

/// <summary>
/// Turns a shopper's question (English, Japanese or both) into constraints and the text left to search:
/// "completed seinen horror under 10 volumes", "90年代のSF", "ongoing romance in stock under ¥700".
/// Rule-based over normalised text: the phrases are few and fixed, and a rule is a line a reviewer can read.
/// </summary>
internal static class QueryUnderstanding
{
    private const uint InStockBits = (1u << (int)Availability.InStock) | (1u << (int)Availability.LowStock);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static UnderstoodQuery Parse(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var text = normalized.ToCharArray();
        var current = normalized;
        var hard = QueryConstraints.None;

        // Every volume, price, year and decade phrase has a digit (\d is any Unicode digit, as char.IsDigit).
        if (HasDigit(normalized))
        {
            hard = Apply(ConstraintPatterns.VolumesBetween(), text, ref current, hard, (m, c) => c with { MinVolumes = Number(m, "a"), MaxVolumes = Number(m, "b") });
            hard = Apply(ConstraintPatterns.VolumesBelow(), text, ref current, hard, (m, c) => c with { MaxVolumes = Number(m, "n") - 1 });
            hard = Apply(ConstraintPatterns.VolumesBelowJa(), text, ref current, hard, (m, c) => c with { MaxVolumes = Number(m, "n") - 1 });
            hard = Apply(ConstraintPatterns.VolumesAtMost(), text, ref current, hard, (m, c) => c with { MaxVolumes = Number(m, "n") });
            hard = Apply(ConstraintPatterns.VolumesAbove(), text, ref current, hard, (m, c) => c with { MinVolumes = Number(m, "n") + 1 });
            hard = Apply(ConstraintPatterns.VolumesAtLeast(), text, ref current, hard, (m, c) => c with { MinVolumes = Number(m, "n") });
            hard = Apply(ConstraintPatterns.PriceBelow(), text, ref current, hard, (m, c) => c with { MaxPrice = Number(m, "n") - 1 });
            hard = Apply(ConstraintPatterns.PriceAtMost(), text, ref current, hard, (m, c) => c with { MaxPrice = Number(m, "n") });
            hard = Apply(ConstraintPatterns.PriceAbove(), text, ref current, hard, (m, c) => c with { MinPrice = Number(m, "n") + (m.Value.Contains('円', StringComparison.Ordinal) && m.Value.Contains("以上", StringComparison.Ordinal) ? 0 : 1) });
            hard = Apply(ConstraintPatterns.YearFrom(), text, ref current, hard, (m, c) => c with { MinYear = Number(m, "y") + (m.Groups["op"].Value is "after" or "より後" ? 1 : 0) });
            hard = Apply(ConstraintPatterns.YearUntil(), text, ref current, hard, (m, c) => c with { MaxYear = Number(m, "y") - (m.Groups["op"].Value is "before" or "より前" ? 1 : 0) });
            hard = Apply(ConstraintPatterns.Decade(), text, ref current, hard, (m, c) =>
            {
                var decade = DecadeOf(m);
                return c with { MinYear = decade, MaxYear = decade + 9 };
            });
        }

        hard = Apply(ConstraintPatterns.Completed(), text, ref current, hard, (_, c) => c with { Status = PublicationStatus.Completed });
        hard = Apply(ConstraintPatterns.Ongoing(), text, ref current, hard, (_, c) => c with { Status = PublicationStatus.Ongoing });
        hard = Apply(ConstraintPatterns.Hiatus(), text, ref current, hard, (_, c) => c with { Status = PublicationStatus.Hiatus });

        // Soft words stay in the searched text; they are blanked only in the residue that decides whether
        // anything besides constraints was asked.
        var residue = (char[])text.Clone();
        var rest = current;
        var soft = QueryConstraints.None;
        soft = Apply(ConstraintPatterns.InStock(), residue, ref rest, soft, (_, c) => c with { Availability = InStockBits });
        soft = Apply(ConstraintPatterns.Preorder(), residue, ref rest, soft, (_, c) => c with { Availability = 1u << (int)Availability.Preorder });
        soft = Apply(ConstraintPatterns.ForKids(), residue, ref rest, soft, (_, c) => c with { Demographics = c.Demographics | (1u << (int)Demographic.Kodomo) });
        soft = Apply(ConstraintPatterns.ForAdults(), residue, ref rest, soft, (_, c) => c with { Demographics = c.Demographics | (1u << (int)Demographic.Seinen) | (1u << (int)Demographic.Josei) });
        soft = Apply(AttributeLexicon.DemographicWord, residue, ref rest, soft, (m, c) => c with { Demographics = c.Demographics | AttributeLexicon.DemographicBit(m.Value) });
        soft = Apply(AttributeLexicon.Genre, residue, ref rest, soft, (m, c) => c with { RequiredGenres = c.RequiredGenres | AttributeLexicon.GenreBit(m.Value) });
        Apply(ConstraintPatterns.FramingWords(), residue, ref rest, soft, static (_, c) => c);

        var searched = ShopperSynonyms.Expand(SettingPhrases.Remove(SettingEmphasis.Emphasise(current)));
        return new UnderstoodQuery(searched, hard, soft, HasContent(rest)) { Residue = rest };
    }

    /// <summary>
    /// Applies every match of <paramref name="pattern"/> in <paramref name="current"/> (the text as it was before
    /// this pattern) and blanks it in <paramref name="text"/>; <paramref name="current"/> becomes a new string only
    /// when something matched, so most patterns allocate nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static QueryConstraints Apply(Regex pattern, char[] text, ref string current, QueryConstraints constraints, Func<Match, QueryConstraints, QueryConstraints> apply)
    {
        var matched = false;
        for (var match = pattern.Match(current); match.Success; match = match.NextMatch())
        {
            constraints = apply(match, constraints);
            Array.Fill(text, ' ', match.Index, match.Length);
            matched = true;
        }

        if (matched)
        {
            current = new string(text);
        }

        return constraints;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasDigit(string text)
    {
        foreach (var c in text)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the residue has a searchable token once request words are dropped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasContent(string residue)
    {
        var sink = new CountingSink();
        Tokenizer.Tokenize(residue, ref sink, dropStopWords: true);
        return sink.Count > 0;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static int DecadeOf(Match match)
    {
        var digit = Number(match, "d");
        if (match.Groups["c"].Success)
        {
            return Number(match, "c") * 100 + digit * 10;
        }

        // "90s" is the 1990s, "20s" the 2020s: the store's catalog starts in the 1990s.
        return (digit >= 5 ? 1900 : 2000) + digit * 10;
    }

    private struct CountingSink : ITokenSink
    {
        public int Count { get; private set; }

        public void Add(TokenKind kind, ReadOnlySpan<char> term)
        {
            if (kind is TokenKind.Word or TokenKind.CjkBigram or TokenKind.CjkUnigram)
            {
                Count++;
            }
        }
    }
}
