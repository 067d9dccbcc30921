using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Tests.Text;

public class RomajiTests
{
    [Theory]
    [InlineData("とうきょう", 1, "toukyou")]
    [InlineData("とうきょう", 0, "tōkyō")]
    [InlineData("とうきょう", 2, "tokyo")]
    [InlineData("とうきょう", 3, "tôkyô")]
    [InlineData("しんしょう", 3, "sinsyô")]
    [InlineData("ちゅうぼう", 0, "chūbō")]
    [InlineData("きっさてん", 1, "kissaten")]
    [InlineData("らーめん", 1, "raamen")]
    [InlineData("フォックス", 1, "fuokkusu")]
    [InlineData("あらしとらーめんだいにまく", 1, "arashitoraamendainimaku")]
    public void FromKana_WritesTheStyle(string kana, int style, string expected) =>
        Romaji.FromKana(kana, (RomajiStyle)style).ShouldBe(expected);

    [Theory]
    [InlineData("toukyou", "tokyo")]
    [InlineData("tookyoo", "tokyo")]
    [InlineData("tôkyô", "tokyo")]
    [InlineData("satoh", "sato")]
    [InlineData("shinshou", "sinsyou")]
    [InlineData("tyuubou", "chubo")]
    [InlineData("jujutsu", "zyuzyutu")]
    [InlineData("matcha", "mattya")]
    [InlineData("shimbun", "shinbun")]
    [InlineData("fuji", "huzi")]
    public void Fold_BringsSpellingsTogether(string typed, string other) =>
        Romaji.Fold(TextNormalizer.Normalize(typed)).ShouldBe(Romaji.Fold(TextNormalizer.Normalize(other)));

    [Fact]
    public void Fold_KeepsDifferentWordsApart()
    {
        Romaji.Fold("kaito").ShouldNotBe(Romaji.Fold("kaido"));
        Romaji.Fold("yuki").ShouldNotBe(Romaji.Fold("yuka"));
    }
}
