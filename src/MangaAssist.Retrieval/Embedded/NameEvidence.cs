using System.Runtime.CompilerServices;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// Whether a question names a product outright: every content word of its English title, of its author, or of its
/// title's reading is in the question (a one-or-two-letter slip allowed for words the catalog does not know), or its
/// Japanese title or author appears in the question as written. Then the product answers the question whatever other
/// words surround the name — a shopper's own name, filler, a stray tag — so those cannot make the search refuse it.
/// </summary>
internal sealed class NameEvidence
{
    /// <summary>Shortest name that counts as evidence on its own: one short word is too easily shared.</summary>
    private const int MinimumWords = 2;

    private const int MinimumJapanese = 2;

    private const int MinimumReadingLetters = 6;

    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private readonly HashSet<string> _readings = new(StringComparer.Ordinal);
    private readonly List<string> _unknown = [];
    private readonly List<string> _kanaRuns;
    private readonly string _compact;

    private NameEvidence(Bm25Index index, string searchedText)
    {
        var sink = new NameWordSink();
        Tokenizer.Tokenize(searchedText, ref sink, dropStopWords: true);
        foreach (var (word, reading) in sink.Words)
        {
            _words.Add(word);
            if (reading is not null)
            {
                _readings.Add(reading);
            }

            if (word.Length >= 4 && !index.TryGetTerm("w" + word, out _))
            {
                _unknown.Add(word);
            }
        }

        _kanaRuns = sink.KanaRuns;
        _compact = DocumentNames.Compacted(searchedText);
    }

    public static NameEvidence Of(Bm25Index index, string searchedText) => new(index, searchedText);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Names(DocumentNames names) =>
        Covers(names.TitleWords) || Covers(names.AuthorWords) || Covers(names.ReadingWords)
        || (names.ReadingCompact.Length >= MinimumReadingLetters && _kanaRuns.Exists(run => run.Contains(names.ReadingCompact, StringComparison.Ordinal)))
        || Contains(names.JapaneseTitle) || Contains(names.JapaneseAuthor);

    private bool Contains(string japanese) => japanese.Length >= MinimumJapanese && _compact.Contains(japanese, StringComparison.Ordinal);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Covers(NameWord[] name)
    {
        if (name.Length < MinimumWords)
        {
            return false;
        }

        foreach (var (word, reading) in name)
        {
            if (!_words.Contains(word) && !(reading is not null && _readings.Contains(reading)) && !_unknown.Exists(typed => TypoDistance.IsSlip(typed, word)))
            {
                return false;
            }
        }

        return true;
    }
}
