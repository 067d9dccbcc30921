using MangaAssist.Retrieval.Text;

namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>What an analyzer definition is mapped to: not Lucene's chain, the retrieval library's own analysis.</summary>
internal enum AnalyzerKind
{
    /// <summary>Words (light stemming) and CJK bigrams/unigrams: standard, english, kuromoji, cjk and custom chains.</summary>
    Words,

    /// <summary>Character n-grams: the <c>ngram</c>/<c>edge_ngram</c> tokenizers (padded Latin trigrams, CJK bigrams).</summary>
    Grams,

    /// <summary>Folded romaji readings: a chain with <c>kuromoji_readingform</c> (kana is romanised, Hepburn/kunrei folded).</summary>
    Reading,

    /// <summary>The whole value as one term: the <c>keyword</c> analyzer.</summary>
    Keyword,
}

/// <summary>
/// One analyzer: the project's <see cref="TextNormalizer"/> and <see cref="Tokenizer"/>, keeping the token kinds
/// that fit the analyzer's <see cref="AnalyzerKind"/>. A chain with a stop filter drops the shoppers' request words.
/// </summary>
internal sealed record TextAnalyzer(AnalyzerKind Kind, bool DropsStopWords)
{
    public static readonly TextAnalyzer Standard = new(AnalyzerKind.Words, false);

    public List<string> Analyze(string text)
    {
        var terms = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return terms;
        }

        if (Kind == AnalyzerKind.Keyword)
        {
            terms.Add(text);
            return terms;
        }

        var sink = new Collector(Kind, terms);
        Tokenizer.Tokenize(TextNormalizer.Normalize(text), ref sink, DropsStopWords);
        return terms;
    }

    private readonly struct Collector(AnalyzerKind kind, List<string> terms) : ITokenSink
    {
        public void Add(TokenKind tokenKind, ReadOnlySpan<char> term)
        {
            var keep = kind switch
            {
                AnalyzerKind.Words => tokenKind is TokenKind.Word or TokenKind.CjkBigram or TokenKind.CjkUnigram,
                AnalyzerKind.Grams => tokenKind is TokenKind.LatinTrigram or TokenKind.CjkBigram,
                _ => tokenKind is TokenKind.Reading or TokenKind.KanaRomaji,
            };
            if (!keep)
            {
                return;
            }

            // A kana run romanised and a romaji word are the same reading: one prefix, so they meet.
            terms.Add(tokenKind == TokenKind.KanaRomaji ? string.Concat("r", term[1..]) : term.ToString());
        }
    }
}
