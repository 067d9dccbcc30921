using System.Runtime.CompilerServices;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// The words of every title and author (as indexed terms), grouped by first letter, for fuzzy lookup of a word the
/// index does not know: "rvaen" is searched as "raven", as OpenSearch's <c>fuzziness</c> would.
/// </summary>
internal sealed class NameVocabulary
{
    /// <summary>Shortest unknown word that is looked up: shorter ones slip into too many names.</summary>
    public const int MinimumLength = 4;

    private readonly Dictionary<char, (string Word, int Term)[]> _byFirstLetter;

    private NameVocabulary(Dictionary<char, (string Word, int Term)[]> byFirstLetter) => _byFirstLetter = byFirstLetter;

    public static NameVocabulary Build(Bm25Index index, IEnumerable<DocumentNames> names) => new(names
        .SelectMany(n => n.TitleWords.Concat(n.AuthorWords))
        .Select(w => w.Word)
        .Where(w => w.Length >= MinimumLength - 1)
        .Distinct(StringComparer.Ordinal)
        .Select(w => (Word: w, Known: index.TryGetTerm("w" + w, out var term), Term: term))
        .Where(x => x.Known)
        .GroupBy(x => x.Word[0])
        .ToDictionary(g => g.Key, g => g.Select(x => (x.Word, x.Term)).OrderBy(x => x.Word, StringComparer.Ordinal).ToArray()));

    /// <summary>Writes the terms of the name words <paramref name="typed"/> is a slip of into <paramref name="terms"/>; returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Slips(ReadOnlySpan<char> typed, Span<int> terms)
    {
        if (typed.Length < MinimumLength || !_byFirstLetter.TryGetValue(typed[0], out var words))
        {
            return 0;
        }

        var count = 0;
        foreach (var (word, term) in words)
        {
            if (count < terms.Length && TypoDistance.IsSlip(typed, word))
            {
                terms[count++] = term;
            }
        }

        return count;
    }
}
