using System.Runtime.CompilerServices;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// How well one product answers a question, on a 0–1 scale that means the same for every query: the idf-weighted
/// share of the question's content that the product contains. Content is each Latin word (matched exactly, as a
/// romaji reading, or — unknown words only — as a one-or-two-letter slip of one of the product's name words), each
/// kanji or katakana character (matched by itself or by a bigram with its neighbour) and each kana-only run (the
/// share of its romaji covered by the product's readings). A real-world title the store does not carry leaves most
/// of its content unmatched; a typed title or a paraphrased story does not.
/// </summary>
internal static class RelevanceEstimator
{
    /// <summary>Romaji letters below which a kana run (ある, です) is taken for grammar.</summary>
    private const int MinimumKanaRun = 5;

    public static float Confidence(Bm25Index index, string searchedText, int document, DocumentNames names) =>
        Question(index, searchedText).Score(document, names);

    /// <summary>
    /// The question's content units, tokenised once; <see cref="QueryUnits.Score"/> checks them against one product
    /// at a time (the units do not depend on the product, so a search judging five candidates reads the text once).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static QueryUnits Question(Bm25Index index, string searchedText)
    {
        var units = new QueryUnits(index);
        Tokenizer.Tokenize(HeroMarker.WithoutEnglishPhrases(searchedText), ref units, dropStopWords: true);
        units.Close();
        return units;
    }

    /// <summary>Collects the question's content units; <see cref="Score"/> then checks them against one product.</summary>
    internal struct QueryUnits(Bm25Index index) : ITokenSink
    {
        private readonly List<Unit> _units = [];
        private Unit? _open;
        private int _lastBigram;
        private string? _lastPair;
        private TokenKind _lastKind;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(TokenKind kind, ReadOnlySpan<char> term)
        {
            var known = index.TryGetTerm(term, out var id);
            id = known ? id : -1;
            switch (kind)
            {
                case TokenKind.Word:
                    Close();
                    var word = term[1..];
                    if (!char.IsDigit(word[0]) && !Romaji.IsParticle(word))
                    {
                        if (!known && Inflections.TryBase(index, word, out var baseId))
                        {
                            (known, id) = (true, baseId);
                        }

                        _open = new Unit(known ? index.Idf(id) : index.UnknownIdf) { Word = word.ToString(), Known = known };
                        _open.Alternatives.Add(id);
                    }

                    break;
                case TokenKind.Reading when _open is not null:
                    _open.Alternatives.Add(id);
                    if (known && !_open.Known)
                    {
                        // A romaji word weighs what its reading says about the product, not what an unknown word would.
                        _open.Weight = index.Idf(id);
                        _open.Known = true;
                    }

                    break;
                case TokenKind.CjkUnigram:
                    Close();
                    // A kanji or katakana counts when the bigram it forms with a neighbour is in the product (in a
                    // field, or in its names written without spaces: 鈴木聡 for 鈴木 聡); alone only if it stands alone.
                    _open = new Unit(known ? index.Idf(id) : index.UnknownIdf) { Unigram = id, Isolated = _lastKind != TokenKind.CjkBigram };
                    if (_lastKind == TokenKind.CjkBigram)
                    {
                        _open.Alternatives.Add(_lastBigram);
                        _open.Pairs.Add(_lastPair!);
                    }

                    break;
                case TokenKind.CjkBigram:
                    if (_open is not null && _lastKind == TokenKind.CjkUnigram)
                    {
                        _open.Alternatives.Add(id);
                        _open.Pairs.Add(term[1..].ToString());
                        _open.Isolated = false;
                    }

                    _lastBigram = id;
                    _lastPair = term[1..].ToString();
                    break;
                case TokenKind.KanaRomaji:
                    Close();
                    if (KanaUnit(term[1..]) is { } kana)
                    {
                        _units.Add(kana);
                    }

                    break;
                default:
                    break;
            }

            _lastKind = kind;
        }

        public void Close()
        {
            if (_open is not null)
            {
                _units.Add(_open);
                _open = null;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly float Score(int document, DocumentNames names)
        {
            // A word no product has weighs what the question's most distinctive known word weighs, not the
            // largest idf there is: one stray word (a name, a tag, filler) must not outweigh a whole description,
            // while a real title of one known and one unknown word ("Chainsaw Man") still stays half unexplained.
            var unknownWeight = 0f;
            foreach (var unit in _units)
            {
                unknownWeight = unit.Unknown ? unknownWeight : Math.Max(unknownWeight, unit.Weight);
            }

            unknownWeight = unknownWeight == 0 ? index.UnknownIdf : Math.Min(unknownWeight, index.UnknownIdf);
            float total = 0, matched = 0;
            foreach (var unit in _units)
            {
                var weight = unit.Unknown ? unknownWeight : unit.Weight;
                total += weight;
                matched += weight * unit.Match(index, document, names);
            }

            // Nothing to judge (a question of request words only): no reason to refuse.
            return total == 0 ? 1f : matched / total;
        }

        /// <summary>A kana run, split into the readings the index knows; too short a run is grammar, not a name.</summary>
        private readonly Unit? KanaUnit(ReadOnlySpan<char> romaji)
        {
            if (romaji.Length < MinimumKanaRun)
            {
                return null;
            }

            var unit = new Unit(index.UnknownIdf) { Length = romaji.Length };
            Span<(int Term, int Start, int Length)> segments = stackalloc (int, int, int)[ReadingSegmenter.MaxLength / ReadingSegmenter.MinimumSegment];
            foreach (var segment in segments[..ReadingSegmenter.Segment(index, romaji, segments)])
            {
                unit.Segments.Add(segment);
            }

            return unit;
        }
    }

    private sealed class Unit(float weight)
    {
        public float Weight { get; set; } = weight;

        /// <summary>A Latin word or kanji no product has (a kana run is judged by its readings instead).</summary>
        public bool Unknown => Length == 0 && (Word is not null ? !Known : Unigram < 0);

        public string? Word { get; init; }

        public bool Known { get; set; }

        /// <summary>Romaji length of a kana run; 0 for other units.</summary>
        public int Length { get; init; }

        public List<int> Alternatives { get; } = [];

        public List<(int Term, int Start, int Length)> Segments { get; } = [];

        /// <summary>The bigrams a kanji or katakana forms with its neighbours in the question.</summary>
        public List<string> Pairs { get; } = [];

        public int Unigram { get; init; } = -1;

        public bool Isolated { get; set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public float Match(Bm25Index index, int document, DocumentNames names)
        {
            if (Length > 0)
            {
                // A particle (の, と: two letters) between two readings the product has counts as covered.
                int covered = 0, previousEnd = -1;
                foreach (var (term, start, length) in Segments)
                {
                    if (!index.ContainsInAnyField(term, document))
                    {
                        previousEnd = -1;
                        continue;
                    }

                    covered += length + (previousEnd >= 0 && start - previousEnd <= 2 ? start - previousEnd : 0);
                    previousEnd = start + length;
                }

                // Squared like name coverage: a run that is mostly unknown ("doragonbooru" has only "doragon") counts little.
                var share = Math.Min(1f, covered / (float)Length);
                return share * share;
            }

            foreach (var term in Alternatives)
            {
                if (term >= 0 && index.ContainsInAnyField(term, document))
                {
                    return 1f;
                }
            }

            foreach (var pair in Pairs)
            {
                if (names.Compact.Contains(pair, StringComparison.Ordinal))
                {
                    return 1f;
                }
            }

            if (Isolated && Unigram >= 0 && index.ContainsInAnyField(Unigram, document))
            {
                return 1f;
            }

            return !Known && Word is { Length: >= 4 } word && names.LatinWords.Any(name => TypoDistance.IsSlip(word, name)) ? 1f : 0f;
        }
    }
}
