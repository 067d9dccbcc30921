using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MangaAssist.Retrieval.Prompting;

/// <summary>A product the answer cited: its passage number and what the client shows.</summary>
public sealed record Citation(int Number, string ProductId, string Title, string Url);

/// <summary>
/// Finds the passages an answer actually cited. Understands <c>[1]</c>, full-width <c>［１］</c>, lists
/// <c>[1, 3]</c> / <c>[1、3]</c> and ranges <c>[1-3]</c>; keeps the order of first citation, drops repeats,
/// numbers that name no passage, and a second citation of the same product.
/// </summary>
public static partial class CitationExtractor
{
    private const int MaxRange = 20;

    public static IReadOnlyList<Citation> Extract(string? answer, IReadOnlyList<RetrievedPassage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        if (string.IsNullOrEmpty(answer) || passages.Count == 0)
        {
            return [];
        }

        // NFKC turns ［１］ into [1] and full-width commas into ASCII ones.
        var text = answer.Normalize(NormalizationForm.FormKC);
        var citations = new List<Citation>();
        var seenNumbers = new HashSet<int>();
        var seenProducts = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Bracket().Matches(text))
        {
            foreach (var part in match.Groups["body"].Value.Split([',', '、', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                foreach (var number in Numbers(part))
                {
                    if (number < 1 || number > passages.Count || !seenNumbers.Add(number))
                    {
                        continue;
                    }

                    var passage = passages[number - 1];
                    if (seenProducts.Add(passage.ProductId))
                    {
                        citations.Add(new Citation(number, passage.ProductId, passage.Title, passage.Url));
                    }
                }
            }
        }

        return citations;
    }

    private static IEnumerable<int> Numbers(string part)
    {
        var dash = part.IndexOfAny(['-', '–', '~', '〜']);
        if (dash > 0
            && int.TryParse(part.AsSpan(0, dash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            && int.TryParse(part.AsSpan(dash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var to)
            && to >= from && to - from < MaxRange)
        {
            for (var n = from; n <= to; n++)
            {
                yield return n;
            }
        }
        else if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var single))
        {
            yield return single;
        }
    }

    [GeneratedRegex(@"\[(?<body>\s*\d{1,3}\s*(?:(?:[,、;]|[-–~〜])\s*\d{1,3}\s*)*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Bracket();
}
