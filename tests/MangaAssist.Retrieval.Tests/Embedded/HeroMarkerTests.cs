using MangaAssist.Retrieval.Embedded;

namespace MangaAssist.Retrieval.Tests.Embedded;

/// <summary>The phrases that frame a hero are found as whole words and blanked for the relevance decision.</summary>
public class HeroMarkerTests
{
    [Theory]
    [InlineData("in osaka, a boy gets caught up in a heist", "in osaka, a boy                   a heist")]
    [InlineData("where a cook deals with a rival", "where a cook            a rival")]
    [InlineData("a camping story with a librarian as the lead", "a camping story with a librarian            ")]
    public void WithoutEnglishPhrases_BlanksTheMarkers(string text, string expected) =>
        HeroMarker.WithoutEnglishPhrases(text).ShouldBe(expected);

    [Theory]
    [InlineData("a shop that sends up balloons")]
    [InlineData("he deals without fear")]
    [InlineData("a story of weekends up north")]
    [InlineData("鎌倉が舞台の話")]
    public void WithoutEnglishPhrases_LeavesOtherWordsAndTheSameInstance(string text) =>
        HeroMarker.WithoutEnglishPhrases(text).ShouldBeSameAs(text);

    [Theory]
    [InlineData("殺し屋が主人公の話", "が主人公の", "Before")]
    [InlineData("主人公は殺し屋", "主人公", "After")]
    [InlineData("店主が出てくる話", "が出てくる", "Before")]
    [InlineData("鎌倉が舞台の話", "が舞台の", "None")]
    public void At_TellsWhichSideTheHeroIsOn(string text, string cut, string expected)
    {
        var boundary = text.IndexOf(cut, StringComparison.Ordinal);

        HeroMarker.At(text, boundary, boundary + cut.Length).ToString().ShouldBe(expected);
    }
}
