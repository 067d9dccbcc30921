using Shouldly;
using MangaAssist.Orchestrator.Grounding;

namespace MangaAssist.Orchestrator.Tests.Grounding;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("What is Frieren about? [[tps:40]] [[tag-ask-1]]", "What is Frieren about?")]
    [InlineData("[[fault:503]]ワンピースのような漫画", "ワンピースのような漫画")]
    [InlineData("A [single] bracket stays", "A [single] bracket stays")]
    [InlineData("An unclosed [[marker stays", "An unclosed [[marker stays")]
    public void From_LeavesOutScenarioMarkersOnly(string message, string expected) =>
        SearchText.From(message).Trim().Replace("  ", " ", StringComparison.Ordinal).ShouldBe(expected);

    [Fact]
    public void From_MessageWithoutMarkers_IsTheSameString()
    {
        const string message = "おすすめの少年漫画は？";
        SearchText.From(message).ShouldBeSameAs(message);
    }
}
