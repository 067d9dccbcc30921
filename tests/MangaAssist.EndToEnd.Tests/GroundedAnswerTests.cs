using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.Retrieval.Catalog;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>Answers come from the store's catalog and say where they came from.</summary>
public sealed class GroundedAnswerTests(SharedEdge edge) : IClassFixture<SharedEdge>
{
    private static readonly ProductCatalog Catalog = ProductCatalog.LoadShipped();

    [Theory]
    [InlineData(17, false)]
    [InlineData(1234, true)]
    public async Task QuestionAboutACatalogTitle_QuotesItAndEndsWithACitationOfThatProduct(int index, bool japanese)
    {
        var product = Catalog.Products[index];
        var title = japanese ? product.JapaneseTitle : product.Title;
        var question = japanese ? $"『{title}』はどんな漫画ですか？" : $"What is {title} about?";
        await using var socket = await edge.Stack.ConnectAsync();

        await socket.AskAsync("g-" + index, question);
        var answer = (await socket.ReadAnswerAsync("g-" + index)).ShouldKeepTheProtocolPromises();

        answer.Frames.Select(f => f.Type).Distinct().ShouldBe(["start", "delta", "citations", "done"]);
        answer.Frames[^2].Type.ShouldBe("citations");
        var cited = answer.Frames[^2].Json.GetProperty("items")[0];
        cited.GetProperty("id").GetString().ShouldBe(product.Id);
        cited.GetProperty("url").GetString().ShouldBe(product.Url);
        answer.Text.ShouldContain("[1]");
        answer.Text.ShouldContain(product.Title);
    }

    [Fact]
    public async Task EveryFrameOfAGroundedAnswer_CarriesNoVectorsPromptsOrContext()
    {
        await using var socket = await edge.Stack.ConnectAsync();

        await socket.AskAsync("clean-1", $"Recommend something like {Catalog.Products[42].Title}", action: "analyze");
        var answer = (await socket.ReadAnswerAsync("clean-1")).ShouldKeepTheProtocolPromises();

        foreach (var frame in answer.Frames)
        {
            foreach (var forbidden in new[] { "\"embedding", "\"vector", "\"prompt", "\"context", "\"passages", "\"debug", "<passage" })
            {
                frame.Raw.ShouldNotContain(forbidden, Case.Insensitive);
            }
        }
    }
}
