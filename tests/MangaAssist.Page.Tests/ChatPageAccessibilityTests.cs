using Deque.AxeCore.Playwright;
using MangaAssist.Page.Tests.Support;
using MangaAssist.Retrieval.Catalog;
using Shouldly;

namespace MangaAssist.Page.Tests;

/// <summary>The page with an answer and cards on it: an accessibility scan, and the screenshots README shows.</summary>
[Collection(PageStackCollection.Name)]
public sealed class ChatPageAccessibilityTests(PageStackFixture fixture)
{
    private static readonly ProductCatalog Catalog = ProductCatalog.LoadShipped();

    [Fact]
    public async Task PageWithAnAnswerAndCards_HasNoSeriousOrCriticalAxeViolations()
    {
        await using var chat = await fixture.OpenAsync(fixture.Stack);
        await chat.AskAsync($"What is {Catalog.Products[17].Title} about? [[{ChatPageAnswerTests.Tag("axe")}]]");
        (await chat.WaitForEndAsync(0)).ShouldBe("done");
        await chat.Answers.Nth(0).GetByTestId("citation-card").First.WaitForAsync();

        var results = await chat.Page.RunAxe();

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {v.Help}").ToList();
        serious.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("ja-JP", "ja", 1234)]
    [InlineData("en-US", "en", 17)]
    public async Task ChatInTheBrowsersLanguage_IsSavedAsTheReadmeScreenshot(string locale, string language, int productIndex)
    {
        var product = Catalog.Products[productIndex];
        var question = language == "ja" ? $"『{product.JapaneseTitle}』はどんな漫画ですか？" : $"What is {product.Title} about?";
        await using var chat = await fixture.OpenAsync(fixture.Stack, locale);

        await chat.AskAsync(question);
        (await chat.WaitForEndAsync(0)).ShouldBe("done");
        await chat.Answers.Nth(0).GetByTestId("citation-card").First.WaitForAsync();

        (await chat.Page.GetAttributeAsync("html", "lang")).ShouldBe(language);
        var path = RepositoryRoot.ScreenshotPath($"chat-{language}.png");
        await chat.Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        new FileInfo(path).Length.ShouldBeGreaterThan(10_000);
    }
}
