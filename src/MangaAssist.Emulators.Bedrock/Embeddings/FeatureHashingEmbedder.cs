using System.Text;
using MangaAssist.Emulators.Bedrock.Answers;

namespace MangaAssist.Emulators.Bedrock.Embeddings;

/// <summary>
/// Deterministic text embeddings that carry some meaning: signed feature hashing of lower-cased words, word
/// bigrams and character trigrams (Latin text) and character unigrams, bigrams and trigrams (CJK runs), so texts
/// that share words or phrases point in similar directions. The result is L2-normalised when asked.
/// </summary>
public static class FeatureHashingEmbedder
{
    public static readonly int[] SupportedDimensions = [256, 512, 1024];

    public static float[] Embed(string text, int dimensions, bool normalize)
    {
        var vector = new double[dimensions];
        foreach (var (feature, weight) in Features(text))
        {
            var hash = StableHash.Of(feature);
            var index = (int)(hash % (ulong)dimensions);
            vector[index] += (hash >> 63) == 0 ? weight : -weight;
        }

        var scale = 1.0;
        if (normalize)
        {
            var norm = Math.Sqrt(vector.Sum(v => v * v));
            scale = norm > 0 ? 1.0 / norm : 1.0;
        }

        return vector.Select(v => (float)(v * scale)).ToArray();
    }

    private static IEnumerable<(string Feature, double Weight)> Features(string text)
    {
        string? previousWord = null;
        foreach (var (segment, cjk) in Segments(text))
        {
            if (cjk)
            {
                previousWord = null;
                for (var i = 0; i < segment.Length; i++)
                {
                    yield return ("c1:" + segment[i], 0.5);
                    if (i + 1 < segment.Length)
                    {
                        yield return (string.Concat("c2:", segment.AsSpan(i, 2)), 1.0);
                    }

                    if (i + 2 < segment.Length)
                    {
                        yield return (string.Concat("c3:", segment.AsSpan(i, 3)), 0.7);
                    }
                }

                continue;
            }

            yield return ("w:" + segment, 1.0);
            if (previousWord is not null)
            {
                yield return ("b:" + previousWord + " " + segment, 0.7);
            }

            var padded = "<" + segment + ">";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                yield return (string.Concat("t:", padded.AsSpan(i, 3)), 0.3);
            }

            previousWord = segment;
        }
    }

    /// <summary>Lower-cased Latin words and runs of CJK characters, in order.</summary>
    private static IEnumerable<(string Segment, bool Cjk)> Segments(string text)
    {
        var current = new StringBuilder();
        var currentCjk = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            var cjk = TokenSplitter.IsCjk(c) && char.IsLetterOrDigit(c);
            var wordChar = cjk || char.IsLetterOrDigit(c);
            if (current.Length > 0 && (!wordChar || cjk != currentCjk))
            {
                yield return (current.ToString(), currentCjk);
                current.Clear();
            }

            if (wordChar)
            {
                current.Append(char.ToLowerInvariant(c));
                currentCjk = cjk;
            }
        }

        if (current.Length > 0)
        {
            yield return (current.ToString(), currentCjk);
        }
    }
}
