using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Tests.Text;

public class TokenizerTests
{
    [Fact]
    public void Tokenize_LatinWord_GivesWordAndPaddedTrigrams()
    {
        // The folded romaji reading ("r:") sits between the word and its trigrams; see Tokenize_LatinWord_AlsoGivesItsRomajiReading.
        Tokens("blade").Where(t => t[0] != 'r').ShouldBe(["w:blade", "t:^bl", "t:bla", "t:lad", "t:ade", "t:de$"]);
    }

    [Theory]
    [InlineData(26)]
    [InlineData(48)]
    [InlineData(80)]
    public void Tokenize_LongWord_IsCutAtTheMaximumAndGivesAllItsTrigrams(int length)
    {
        // A pasted hash or tracking id: words over 25 letters once overran the trigram buffer and failed the whole search.
        var word = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i * 7 % 26))));
        var kept = word[..Math.Min(length, 48)];

        var tokens = Tokens(word);

        tokens.ShouldContain("w:" + kept);
        tokens.Count(t => t[0] == 't').ShouldBe(kept.Length);
        tokens.ShouldContain("t:" + kept[^2..] + "$");
    }

    [Fact]
    public void Tokenize_LatinWord_AlsoGivesItsRomajiReading()
    {
        Tokens("satou").ShouldContain("r:sato");
        Tokens("Satō".ToLowerInvariant().Replace('ō', 'o')).ShouldContain("r:sato");
        Tokens("no").ShouldNotContain(t => t[0] == 'r');
    }

    [Fact]
    public void Tokenize_KanaRun_GivesOneFoldedRomajiToken()
    {
        Tokens(TextNormalizer.Normalize("クレナイノヤイバ")).ShouldContain("k:kurenainoyaiba");
    }

    [Fact]
    public void Tokenize_Plurals_AreStemmedButDoubleSIsKept()
    {
        Words("knights class").ShouldBe(["w:knight", "w:class"]);
    }

    [Fact]
    public void Tokenize_JapaneseRun_GivesBigramsAndKanjiUnigramsButNoHiraganaUnigrams()
    {
        Tokens("紅の刃").ShouldBe(["u:紅", "b:紅の", "b:の刃", "u:刃"]);
    }

    [Fact]
    public void Tokenize_MixedText_SplitsScripts()
    {
        Tokens("crimson blade の新刊").Where(t => t[0] is 'w' or 'b').ShouldBe(["w:crimson", "w:blade", "b:の新", "b:新刊"]);
    }

    [Fact]
    public void Tokenize_WithStopWords_DropsRequestWordsOnly()
    {
        Words("do you have the crimson blade manga?", dropStopWords: true).ShouldBe(["w:crimson", "w:blade"]);
        Tokens(TextNormalizer.Normalize("紅の刃はありますか"), dropStopWords: true).ShouldBe(["u:紅", "b:紅の", "b:の刃", "u:刃"]);
    }

    [Fact]
    public void Tokenize_WithoutStopWords_KeepsEveryWord()
    {
        Words("the crimson blade").ShouldBe(["w:the", "w:crimson", "w:blade"]);
    }

    [Fact]
    public void Tokenize_SingleLettersAreDroppedButDigitsKept()
    {
        Words("a 2 x vol").ShouldBe(["w:2", "w:vol"]);
    }

    private static List<string> Words(string text, bool dropStopWords = false) => Tokens(text, dropStopWords).Where(t => t.StartsWith("w:", StringComparison.Ordinal)).ToList();

    private static List<string> Tokens(string text, bool dropStopWords = false)
    {
        var sink = new ListSink { Tokens = [] };
        Tokenizer.Tokenize(text, ref sink, dropStopWords);
        return sink.Tokens;
    }

    private struct ListSink : ITokenSink
    {
        public List<string> Tokens;

        public readonly void Add(TokenKind kind, ReadOnlySpan<char> term) => Tokens.Add(term[0] + ":" + term[1..].ToString());
    }
}
