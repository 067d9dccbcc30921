using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Tests.Text;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("ＣＲＩＭＳＯＮ　Ｂｌａｄｅ", "crimson blade")]
    [InlineData("Shōnen SHŌJO", "shonen shojo")]
    [InlineData("ﾄﾞﾗｺﾞﾝ", "どらごん")]
    [InlineData("ドラゴン・キッチン", "どらごん・きっちん")]
    [InlineData("紅の刃", "紅の刃")]
    public void Normalize_FoldsWidthCaseDiacriticsAndKana(string input, string expected) =>
        TextNormalizer.Normalize(input).ShouldBe(expected);

    [Theory]
    [InlineData("おすすめ", true)]
    [InlineData("漫画", true)]
    [InlineData("々", true)]
    [InlineData("manga", false)]
    public void ContainsCjk_RecognisesJapaneseScripts(string text, bool expected) =>
        TextNormalizer.ContainsCjk(text).ShouldBe(expected);
}
