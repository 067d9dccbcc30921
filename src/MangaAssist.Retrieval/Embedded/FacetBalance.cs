using System.Buffers;
using System.Runtime.CompilerServices;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// The synopsis weights of a question's terms, balanced over its facets. A facet is a stretch of the question between
/// punctuation, request words (English stop words, Japanese request phrases) and a change of script: "a runaway heiress",
/// "Hokkaido", 月面. A phrase of many words or bigrams would otherwise outweigh a one-word facet by its length alone, so a
/// story that has only the hero outranked the one with the premise and the setting. Each facet weighs at most
/// <see cref="PhraseCap"/> times its strongest term; the synopsis's total query weight is then restored, so a question of one
/// facet scores as before and the synopsis keeps its share against the other fields.
/// </summary>
internal static class FacetBalance
{
    /// <summary>
    /// A facet's weight, at most this many times its strongest term's. Dev descriptions: 1.25 and 1.5 read best (0.959),
    /// 2 0.950, 3 0.934, off 0.929; 1.5 lifted products the OpenSearch pool of 200 misses (same top-5 97.4 %), 2 keeps it.
    /// </summary>
    public const float PhraseCap = 2f;

    /// <summary>
    /// The share of its weight a facet the shopper marks as the hero keeps (Xが主人公, 主人公はX, "X deals with…":
    /// <see cref="HeroMarker"/>). The asked story is its premise in its setting; a hero named in full otherwise lifts
    /// stories with only that hero above it. Dev descriptions with the Japanese markers: 1 (off) 0.949; 0.75, 0.5 and
    /// 0.35 all 0.959 (four dev misses found, none lost), so the middle of that range.
    /// </summary>
    public const float HeroShare = 0.5f;

    private const int MaxFacets = 64;

    /// <summary>Writes each term's synopsis weight into <paramref name="synopsisWeights"/> (pooled buffers, no allocation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Weigh(Bm25Index index, ReadOnlySpan<char> searched, ReadOnlySpan<int> termIds, ReadOnlySpan<float> weights, Span<float> synopsisWeights)
    {
        var ids = ArrayPool<int>.Shared.Rent(Math.Max(1, termIds.Length));
        var facetOf = ArrayPool<sbyte>.Shared.Rent(Math.Max(1, termIds.Length));
        try
        {
            termIds.CopyTo(ids);
            facetOf.AsSpan(0, termIds.Length).Fill(-1);
            var facets = Assign(index, searched, ids, termIds.Length, facetOf, out var heroes);
            Balance(index, termIds, weights, facetOf, facets, heroes, synopsisWeights);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
            ArrayPool<sbyte>.Shared.Return(facetOf);
        }
    }

    private static float Share(int facet, ulong heroes) => (heroes & (1UL << facet)) != 0 ? HeroShare : 1f;

    /// <summary>A facet's weight after the cap (before the total is restored).</summary>
    private static float Capped(float mass, float peak) => Math.Min(mass, PhraseCap * peak);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Balance(Bm25Index index, ReadOnlySpan<int> termIds, ReadOnlySpan<float> weights, ReadOnlySpan<sbyte> facetOf, int facets, ulong heroes, Span<float> synopsisWeights)
    {
        Span<float> mass = stackalloc float[MaxFacets];
        Span<float> peak = stackalloc float[MaxFacets];
        mass.Clear();
        peak.Clear();
        var total = 0f;
        var capped = 0f;
        for (var t = 0; t < termIds.Length; t++)
        {
            var m = weights[t] * index.SynopsisIdf(termIds[t]);
            total += m;
            if (facetOf[t] < 0)
            {
                // Found otherwise (a typo's slips): a facet of its own, which no cap touches.
                capped += m;
                continue;
            }

            mass[facetOf[t]] += m;
            peak[facetOf[t]] = Math.Max(peak[facetOf[t]], m);
        }

        for (var f = 0; f < facets; f++)
        {
            capped += Share(f, heroes) * Capped(mass[f], peak[f]);
        }

        var restore = capped > 0 ? total / capped : 1f;
        for (var t = 0; t < termIds.Length; t++)
        {
            var f = facetOf[t];
            var share = f < 0 || mass[f] <= 0 ? 1f : Share(f, heroes) * Capped(mass[f], peak[f]) / mass[f];
            synopsisWeights[t] = weights[t] * share * restore;
        }
    }

    /// <summary>Marks each term with the facet it first occurs in and answers the number of facets; terms found otherwise stay -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Assign(Bm25Index index, ReadOnlySpan<char> text, int[] termIds, int count, sbyte[] facetOf, out ulong heroes)
    {
        heroes = 0;
        var heroNext = false;
        var facet = 0;
        var clause = 0;
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            int boundary, resume;
            var newClause = true;
            if (TextNormalizer.IsCjk(c))
            {
                var stop = StopWords.JapanesePhraseAt(text[i..]);
                if (stop > 0)
                {
                    (boundary, resume) = (i, i + stop);
                }
                else if (i + 1 < text.Length && !TextNormalizer.IsCjk(text[i + 1]))
                {
                    (boundary, resume) = (i + 1, i + 1);
                }
                else
                {
                    i++;
                    continue;
                }
            }
            else if (char.IsLetterOrDigit(c))
            {
                var end = i;
                while (end < text.Length && char.IsLetterOrDigit(text[end]) && !TextNormalizer.IsCjk(text[end]))
                {
                    end++;
                }

                var marker = HeroMarker.EnglishPhraseAt(text[i..]);
                if (marker > 0)
                {
                    (boundary, resume) = (i, i + marker);
                }
                else if (StopWords.IsEnglish(text[i..end]))
                {
                    // A hero runs over its function words ("a boy who can see ghosts"); a clause starts after these.
                    (boundary, resume) = (i, end);
                    newClause = HeroMarker.OpensClause(text[i..end]);
                }
                else if (end < text.Length && TextNormalizer.IsCjk(text[end]))
                {
                    (boundary, resume) = (end, end);
                }
                else
                {
                    i = end;
                    continue;
                }
            }
            else if (!char.IsWhiteSpace(c) && c is not ('-' or '\''))
            {
                (boundary, resume) = (i, i + 1);
            }
            else
            {
                i++;
                continue;
            }

            var marks = HeroMarker.At(text, boundary, resume);
            if (boundary > start && facet < MaxFacets && Mark(index, text[start..boundary], termIds, count, facetOf, (sbyte)facet))
            {
                if (heroNext)
                {
                    heroes |= 1UL << facet;
                }

                heroNext = false;
                facet++;
            }

            if (marks == HeroMarker.Side.Before)
            {
                // Every facet of the clause the marker ends: "in osaka, [a boy] who can [see ghosts] gets caught up in".
                for (var f = clause; f < facet; f++)
                {
                    heroes |= 1UL << f;
                }
            }

            heroNext |= marks == HeroMarker.Side.After;
            clause = newClause ? facet : clause;
            i = start = resume;
        }

        if (start < text.Length && facet < MaxFacets && Mark(index, text[start..], termIds, count, facetOf, (sbyte)facet))
        {
            if (heroNext)
            {
                heroes |= 1UL << facet;
            }

            facet++;
        }

        return facet;
    }

    private static bool Mark(Bm25Index index, ReadOnlySpan<char> segment, int[] termIds, int count, sbyte[] facetOf, sbyte facet)
    {
        var sink = new FacetSink(index, termIds, count, facetOf, facet);
        Tokenizer.Tokenize(segment, ref sink, dropStopWords: true, kanaRomaji: false);
        return sink.Marked;
    }

    /// <summary>Marks the question's terms a facet's text yields, found as the query's own sink finds them (exactly or by their base form).</summary>
    private struct FacetSink(Bm25Index index, int[] termIds, int count, sbyte[] facetOf, sbyte facet) : ITokenSink
    {
        public bool Marked { get; private set; }

        public void Add(TokenKind kind, ReadOnlySpan<char> term)
        {
            if (kind == TokenKind.LatinTrigram)
            {
                return;
            }

            if (!index.TryGetTerm(term, out var id) && !(kind == TokenKind.Word && Inflections.TryBase(index, term[1..], out id)))
            {
                return;
            }

            var at = Array.IndexOf(termIds, id, 0, count);
            if (at >= 0 && facetOf[at] < 0)
            {
                facetOf[at] = facet;
                Marked = true;
            }
        }
    }
}
