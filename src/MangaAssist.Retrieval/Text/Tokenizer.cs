using System.Runtime.CompilerServices;

namespace MangaAssist.Retrieval.Text;

/// <summary>
/// Splits normalised text (<see cref="TextNormalizer"/>) into terms that work for English and Japanese without a
/// dictionary: Latin words plus their character trigrams (typo tolerance), and for runs of kana and kanji the
/// character bigrams (as OpenSearch's <c>cjk_bigram</c> filter does) plus kanji/katakana unigrams. Terms are written
/// into a stack buffer and handed to the sink, so querying allocates nothing here.
/// </summary>
internal static class Tokenizer
{
    private const int MaxWordLength = 48;

    /// <summary>Tokenizes <paramref name="normalized"/>. With <paramref name="dropStopWords"/> the request words of
    /// questions ("do you have", "manga", "ありますか" …) are skipped. Without <paramref name="kanaRomaji"/> a kana run is not
    /// romanised (a caller that only looks up bigrams skips that allocation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tokenize<TSink>(ReadOnlySpan<char> normalized, ref TSink sink, bool dropStopWords = false, bool kanaRomaji = true)
        where TSink : struct, ITokenSink
    {
        // Two halves: the term itself, and the padded word its trigrams are cut from (a word of MaxWordLength + ^ and $).
        Span<char> term = stackalloc char[2 * (MaxWordLength + 3)];
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (TextNormalizer.IsCjk(c))
            {
                var start = i;
                while (i < normalized.Length && TextNormalizer.IsCjk(normalized[i]))
                {
                    i++;
                }

                var run = normalized[start..i];
                if (dropStopWords)
                {
                    EmitCjkRunWithoutStopPhrases(run, ref sink, term, kanaRomaji);
                }
                else
                {
                    EmitCjkRun(run, ref sink, term, kanaRomaji);
                }
            }
            else if (char.IsLetterOrDigit(c))
            {
                var start = i;
                while (i < normalized.Length && char.IsLetterOrDigit(normalized[i]) && !TextNormalizer.IsCjk(normalized[i]))
                {
                    i++;
                }

                EmitWord(normalized[start..i], ref sink, term, dropStopWords);
            }
            else
            {
                i++;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EmitWord<TSink>(ReadOnlySpan<char> word, ref TSink sink, Span<char> term, bool dropStopWords)
        where TSink : struct, ITokenSink
    {
        if (word.Length > MaxWordLength)
        {
            word = word[..MaxWordLength];
        }

        if (word.Length < 2 && !char.IsDigit(word[0]))
        {
            return;
        }

        if (dropStopWords && StopWords.IsEnglish(word))
        {
            return;
        }

        var stemmed = Stem(word);
        term[0] = TokenKinds.Prefix(TokenKind.Word);
        stemmed.CopyTo(term[1..]);
        sink.Add(TokenKind.Word, term[..(stemmed.Length + 1)]);
        EmitReading(word, ref sink);
        word = stemmed;

        if (word.Length < 3)
        {
            return;
        }

        // ^word$ → ^wo, wor, ord, rd$
        var padded = term[(MaxWordLength + 3)..];
        padded[0] = '^';
        word.CopyTo(padded[1..]);
        padded[word.Length + 1] = '$';
        Span<char> gram = stackalloc char[4];
        gram[0] = TokenKinds.Prefix(TokenKind.LatinTrigram);
        for (var j = 0; j + 3 <= word.Length + 2; j++)
        {
            padded.Slice(j, 3).CopyTo(gram[1..]);
            sink.Add(TokenKind.LatinTrigram, gram);
        }
    }

    /// <summary>The word as folded romaji, so "satou", "satoh" and "sato" (or kunrei "tyuubou") meet one reading.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EmitReading<TSink>(ReadOnlySpan<char> word, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (!char.IsAsciiLetter(word[0]))
        {
            return;
        }

        Span<char> reading = stackalloc char[word.Length * 2 + 1];
        reading[0] = TokenKinds.Prefix(TokenKind.Reading);
        var length = Romaji.Fold(word, reading[1..]);
        if (length >= 2 && !Romaji.IsParticle(reading.Slice(1, length)))
        {
            sink.Add(TokenKind.Reading, reading[..(length + 1)]);
        }
    }

    /// <summary>A run of kana only (a title or name typed in hiragana or katakana) as one folded romaji token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EmitKanaRomaji<TSink>(ReadOnlySpan<char> run, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (run.Length < 2)
        {
            return;
        }

        foreach (var c in run)
        {
            if (!IsHiragana(c) && c != 'ー')
            {
                return;
            }
        }

        var romaji = Romaji.FromKana(run.ToString());
        Span<char> folded = stackalloc char[romaji.Length * 2 + 1];
        folded[0] = TokenKinds.Prefix(TokenKind.KanaRomaji);
        var length = Romaji.Fold(romaji, folded[1..]);
        sink.Add(TokenKind.KanaRomaji, folded[..(length + 1)]);
    }

    /// <summary>Plural and possessive endings only: "heroes" and "hero" still differ, the trigrams bridge that.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<char> Stem(ReadOnlySpan<char> word)
    {
        if (word.Length > 3 && word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i'))
        {
            return word[..^1];
        }

        return word;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EmitCjkRun<TSink>(ReadOnlySpan<char> run, ref TSink sink, Span<char> term, bool kanaRomaji)
        where TSink : struct, ITokenSink
    {
        if (kanaRomaji)
        {
            EmitKanaRomaji(run, ref sink);
        }

        for (var j = 0; j < run.Length; j++)
        {
            if (!IsHiragana(run[j]))
            {
                term[0] = TokenKinds.Prefix(TokenKind.CjkUnigram);
                term[1] = run[j];
                sink.Add(TokenKind.CjkUnigram, term[..2]);
            }

            if (j + 1 < run.Length)
            {
                term[0] = TokenKinds.Prefix(TokenKind.CjkBigram);
                term[1] = run[j];
                term[2] = run[j + 1];
                sink.Add(TokenKind.CjkBigram, term[..3]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EmitCjkRunWithoutStopPhrases<TSink>(ReadOnlySpan<char> run, ref TSink sink, Span<char> term, bool kanaRomaji)
        where TSink : struct, ITokenSink
    {
        var start = 0;
        var j = 0;
        while (j < run.Length)
        {
            var stop = StopWords.JapanesePhraseAt(run[j..]);
            if (stop > 0)
            {
                if (j > start)
                {
                    EmitCjkRun(run[start..j], ref sink, term, kanaRomaji);
                }

                j += stop;
                start = j;
            }
            else
            {
                j++;
            }
        }

        if (start < run.Length)
        {
            EmitCjkRun(run[start..], ref sink, term, kanaRomaji);
        }
    }

    private static bool IsHiragana(char c) => c is >= '\u3041' and <= '\u309F';
}
