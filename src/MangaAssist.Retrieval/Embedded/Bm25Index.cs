using System.Buffers;
using System.Runtime.CompilerServices;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// BM25 over <see cref="IndexFields"/> fields, stored column-wise: per field a CSR posting table (term → documents)
/// whose entries hold the precomputed term-frequency factor <c>tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))</c>, so a
/// query only multiplies by idf and the weights. Immutable once built; safe for concurrent queries.
/// </summary>
internal sealed class Bm25Index
{
    private readonly Dictionary<string, int> _terms;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly FieldPostings[] _fields;

    private Bm25Index(int documentCount, Dictionary<string, int> terms, FieldPostings[] fields, float synopsisCoordination)
    {
        DocumentCount = documentCount;
        SynopsisCoordination = synopsisCoordination;
        _terms = terms;
        _lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        _fields = fields;
    }

    public int DocumentCount { get; }

    /// <summary>Exponent of the synopsis coordination (0: off); see <see cref="Coordination"/>.</summary>
    public float SynopsisCoordination { get; }

    public int TermCount => _terms.Count;

    public bool TryGetTerm(ReadOnlySpan<char> term, out int termId) => _lookup.TryGetValue(term, out termId);

    /// <summary>Whether <paramref name="document"/>'s <paramref name="field"/> holds the term (binary search of its postings).</summary>
    public bool Contains(IndexField field, int termId, int document)
    {
        var postings = _fields[(int)field];
        var start = postings.Offsets[termId];
        return Array.BinarySearch(postings.Documents, start, postings.Offsets[termId + 1] - start, document) >= 0;
    }

    /// <summary>Whether any field of <paramref name="document"/> holds the term.</summary>
    public bool ContainsInAnyField(int termId, int document)
    {
        for (var f = 0; f < _fields.Length; f++)
        {
            if (Contains((IndexField)f, termId, document))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The term's highest idf over the fields: how much naming it says about which product is meant.</summary>
    public float Idf(int termId)
    {
        var idf = 0f;
        foreach (var postings in _fields)
        {
            idf = Math.Max(idf, postings.Idf[termId]);
        }

        return idf;
    }

    /// <summary>The term's idf in the synopses; 0 when no synopsis has it.</summary>
    public float SynopsisIdf(int termId) => DocumentFrequency(IndexField.Synopsis, termId) > 0 ? _fields[(int)IndexField.Synopsis].Idf[termId] : 0f;

    /// <summary>The idf of a term no document has: what an unknown word weighs.</summary>
    public float UnknownIdf => (float)Math.Log(1 + (DocumentCount + 0.5) / 0.5);

    /// <summary>Number of documents whose <paramref name="field"/> contains the term (for tests and diagnostics).</summary>
    public int DocumentFrequency(IndexField field, int termId)
    {
        var postings = _fields[(int)field];
        return postings.Offsets[termId + 1] - postings.Offsets[termId];
    }

    /// <summary>
    /// Adds the BM25 score of the query terms to <paramref name="scores"/>: Σ_terms Σ_fields queryWeight·fieldWeight·idf·tf-factor.
    /// Name fields (<see cref="IndexFields.ScoresByCoverage"/>) are scaled by floor + (1 − floor)·coverage², where coverage is
    /// the share of the name's tokens (request words excluded) that the query matched; a name matched in full is
    /// multiplied by <paramref name="exactNameBoost"/> (the original outranks its sequel, whose synopsis names it).
    /// The synopsis is scaled by its coordination (<see cref="SynopsisCoordination"/>).
    /// </summary>
    public void Score(ReadOnlySpan<int> termIds, ReadOnlySpan<float> queryWeights, ReadOnlySpan<float> fieldWeights, float coverageFloor, float exactNameBoost, Span<float> scores) =>
        Score(termIds, queryWeights, queryWeights, fieldWeights, coverageFloor, exactNameBoost, scores);

    /// <summary>As above, with the synopsis weighted by the question's facets (<see cref="FacetBalance"/>) of <paramref name="searched"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Score(ReadOnlySpan<char> searched, ReadOnlySpan<int> termIds, ReadOnlySpan<float> queryWeights, ReadOnlySpan<float> fieldWeights, float coverageFloor, float exactNameBoost, Span<float> scores)
    {
        var synopsisWeights = ArrayPool<float>.Shared.Rent(Math.Max(1, termIds.Length));
        FacetBalance.Weigh(this, searched, termIds, queryWeights, synopsisWeights);
        Score(termIds, queryWeights, synopsisWeights.AsSpan(0, termIds.Length), fieldWeights, coverageFloor, exactNameBoost, scores);
        ArrayPool<float>.Shared.Return(synopsisWeights);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Score(ReadOnlySpan<int> termIds, ReadOnlySpan<float> queryWeights, ReadOnlySpan<float> synopsisWeights, ReadOnlySpan<float> fieldWeights, float coverageFloor, float exactNameBoost, Span<float> scores)
    {
        var n = DocumentCount;
        var fieldScores = ArrayPool<float>.Shared.Rent(n);
        var matched = ArrayPool<float>.Shared.Rent(n);
        try
        {
            for (var f = 0; f < _fields.Length; f++)
            {
                if (fieldWeights[f] == 0)
                {
                    continue;
                }

                var postings = _fields[f];
                var coverage = IndexFields.ScoresByCoverage((IndexField)f);
                var coordinated = f == (int)IndexField.Synopsis && SynopsisCoordination > 0;
                var target = coverage || coordinated ? fieldScores.AsSpan(0, n) : scores;
                var matches = matched.AsSpan(0, n);
                if (coverage || coordinated)
                {
                    target.Clear();
                    matches.Clear();
                }

                var any = false;
                for (var t = 0; t < termIds.Length; t++)
                {
                    var termId = termIds[t];
                    var start = postings.Offsets[termId];
                    var end = postings.Offsets[termId + 1];
                    if (start == end)
                    {
                        continue;
                    }

                    any = true;
                    var queryWeight = f == (int)IndexField.Synopsis ? synopsisWeights[t] : queryWeights[t];
                    var weight = queryWeight * fieldWeights[f] * postings.Idf[termId];
                    var documents = postings.Documents.AsSpan(start, end - start);
                    var factors = postings.Factors.AsSpan(start, end - start);
                    if (coordinated)
                    {
                        // One pass over the (long) synopsis postings: the score and the query weight (qw·idf) held.
                        var mass = queryWeight * postings.Idf[termId];
                        for (var p = 0; p < documents.Length; p++)
                        {
                            target[documents[p]] += weight * factors[p];
                            matches[documents[p]] += mass;
                        }

                        continue;
                    }

                    for (var p = 0; p < documents.Length; p++)
                    {
                        target[documents[p]] += weight * factors[p];
                    }

                    if (coverage)
                    {
                        // Coverage counts the name's tokens matched.
                        var frequencies = postings.Frequencies.AsSpan(start, end - start);
                        for (var p = 0; p < documents.Length; p++)
                        {
                            matches[documents[p]] += frequencies[p];
                        }
                    }
                }

                if (!any)
                {
                    continue;
                }

                if (coordinated)
                {
                    Coordination.Add(target, matches, SynopsisCoordination, scores);
                }
                else if (coverage)
                {
                    AddCovered(target, matches, postings.CoverageLengths, coverageFloor, exactNameBoost, scores);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(fieldScores);
            ArrayPool<float>.Shared.Return(matched);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddCovered(ReadOnlySpan<float> fieldScores, ReadOnlySpan<float> matches, int[] lengths, float coverageFloor, float exactNameBoost, Span<float> scores)
    {
        for (var d = 0; d < fieldScores.Length; d++)
        {
            if (fieldScores[d] > 0)
            {
                var covered = Math.Min(1f, matches[d] / Math.Max(1, lengths[d]));
                var factor = coverageFloor + (1 - coverageFloor) * covered * covered;
                scores[d] += fieldScores[d] * (covered >= 1f ? factor * exactNameBoost : factor);
            }
        }
    }

    /// <summary>Default <see cref="SynopsisCoordination"/>: chosen on the dev split (1 and 2 tried; README, evaluation).</summary>
    public const float DefaultSynopsisCoordination = 1f;

    public static Bm25Index Build(IReadOnlyList<DocumentFields> documents, float k1, float b, float synopsisCoordination = DefaultSynopsisCoordination)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();

        // Per field: per document the (term, tf) pairs.
        var perField = new List<(int Document, int Term, int Frequency)>[IndexFields.Count];
        var lengths = new int[IndexFields.Count][];
        var coverageLengths = new int[IndexFields.Count][];
        for (var f = 0; f < IndexFields.Count; f++)
        {
            perField[f] = [];
            lengths[f] = new int[documents.Count];
            coverageLengths[f] = new int[documents.Count];
        }

        var counts = new Dictionary<int, int>();
        for (var d = 0; d < documents.Count; d++)
        {
            for (var f = 0; f < IndexFields.Count; f++)
            {
                counts.Clear();
                var sink = new CountingSink(lookup, counts, (IndexField)f);
                var text = documents[d].Text((IndexField)f);
                Tokenizer.Tokenize(text, ref sink);
                lengths[f][d] = sink.Length;
                coverageLengths[f][d] = sink.Length - sink.StopWords;
                foreach (var (term, frequency) in counts)
                {
                    perField[f].Add((d, term, frequency));
                }
            }
        }

        var fields = new FieldPostings[IndexFields.Count];
        for (var f = 0; f < IndexFields.Count; f++)
        {
            fields[f] = FieldPostings.Build(perField[f], lengths[f], coverageLengths[f], terms.Count, k1, b);
        }

        return new Bm25Index(documents.Count, terms, fields, synopsisCoordination);
    }

    /// <summary>Routes tokens to fields: trigrams of the title go to <see cref="IndexField.TitleGrams"/>; the synopsis keeps words and bigrams only.</summary>
    private struct CountingSink(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> terms, Dictionary<int, int> counts, IndexField field) : ITokenSink
    {
        public int Length { get; private set; }

        /// <summary>Tokens a query would drop as request words ("the", "of"): they don't count towards coverage.</summary>
        public int StopWords { get; private set; }

        public void Add(TokenKind kind, ReadOnlySpan<char> term)
        {
            if (!Accepts(field, kind))
            {
                return;
            }

            if (kind == TokenKind.Word && Text.StopWords.IsEnglish(term[1..]))
            {
                StopWords++;
            }

            if (!terms.TryGetValue(term, out var id))
            {
                id = terms.Dictionary.Count;
                terms[term] = id;
            }

            counts[id] = counts.GetValueOrDefault(id) + 1;
            Length++;
        }
    }

    internal static bool Accepts(IndexField field, TokenKind kind) => field switch
    {
        IndexField.TitleReading or IndexField.AuthorReading => kind is TokenKind.Reading,
        IndexField.TitleEn or IndexField.AuthorEn => kind is TokenKind.Word,
        IndexField.TitleJa or IndexField.AuthorJa or IndexField.Tags => kind is TokenKind.Word or TokenKind.CjkBigram or TokenKind.CjkUnigram,
        IndexField.Grams => kind is TokenKind.LatinTrigram,
        _ => kind is TokenKind.Word or TokenKind.CjkBigram,
    };
}
