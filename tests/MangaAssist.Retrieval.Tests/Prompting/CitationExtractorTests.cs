using MangaAssist.Retrieval.Prompting;

namespace MangaAssist.Retrieval.Tests.Prompting;

public class CitationExtractorTests
{
    private static readonly RetrievedPassage[] Passages =
    [
        new("MA-1", "One", "一", "https://x/1", "s", 1),
        new("MA-2", "Two", "二", "https://x/2", "s", 1),
        new("MA-3", "Three", "三", "https://x/3", "s", 1),
        new("MA-1", "One again", "一", "https://x/1", "s", 1),
    ];

    [Theory]
    [InlineData("Try Two [2] and One [1].", new[] { 2, 1 })]
    [InlineData("全角も［３］と［１］。", new[] { 3, 1 })]
    [InlineData("Both [1, 3] fit.", new[] { 1, 3 })]
    [InlineData("どちらも[2、3]です。", new[] { 2, 3 })]
    [InlineData("A range [1-3].", new[] { 1, 2, 3 })]
    [InlineData("Repeat [2] then [2] and [2,2].", new[] { 2 })]
    [InlineData("Out of range [0] [5] [42] but [3].", new[] { 3 })]
    [InlineData("Same product twice [1] [4].", new[] { 1 })]
    [InlineData("No citations, just [text] and [[fault:503]] and (1).", new int[0])]
    public void Extract_FindsCitedPassagesInFirstCitationOrder(string answer, int[] expected)
    {
        CitationExtractor.Extract(answer, Passages).Select(c => c.Number).ShouldBe(expected);
    }

    [Fact]
    public void Extract_CarriesProductIdTitleAndUrl()
    {
        var citation = CitationExtractor.Extract("See [2].", Passages).Single();

        citation.ShouldBe(new Citation(2, "MA-2", "Two", "https://x/2"));
    }

    [Fact]
    public void Extract_NoPassages_NoCitations() => CitationExtractor.Extract("[1]", []).ShouldBeEmpty();
}
