using System.Globalization;
using MangaAssist.Page.Tests.Support;
using MangaAssist.Retrieval.Catalog;
using Shouldly;

namespace MangaAssist.Page.Tests;

/// <summary>A shopper asks on the chat page in a real browser and sees the answer stream in, with product cards.</summary>
[Collection(PageStackCollection.Name)]
public sealed class ChatPageAnswerTests(PageStackFixture fixture)
{
    private static readonly ProductCatalog Catalog = ProductCatalog.LoadShipped();

    [Fact]
    public async Task Ask_TheAnswerStreamsInShowsCitationCardsAndEndsDone()
    {
        var product = Catalog.Products[17];
        var tag = Tag("ask");
        await using var chat = await fixture.OpenAsync(fixture.Stack);

        await chat.AskAsync($"What is {product.Title} about? [[tps:40]] [[{tag}]]");

        // Part of the text on the page while the answer is still busy: it streams, it does not arrive at the end.
        await chat.Page.WaitForFunctionAsync(
            "() => { const a = document.querySelector('[data-testid=answer]'); return a && a.getAttribute('aria-busy') === 'true' && a.querySelector('[data-testid=answer-text]').textContent.length > 0; }",
            null,
            new() { Timeout = ChatPage.Patience });
        (await chat.WaitForEndAsync(0)).ShouldBe("done");
        (await chat.AnswerTextsAsync()).ShouldBe([await fixture.Stack.ModelAnswerAsync(tag)]);
        (await chat.Answers.Nth(0).GetByTestId("answer-status").TextContentAsync()).ShouldBe("Answer complete.");

        var card = chat.Answers.Nth(0).GetByTestId("citation-card").First;
        (await card.GetAttributeAsync("data-product-id")).ShouldBe(product.Id);
        (await card.Locator(".card-title").TextContentAsync()).ShouldBe(product.Title);
        (await card.Locator(".card-title-ja").TextContentAsync()).ShouldBe(product.JapaneseTitle);
        (await card.Locator(".card-price").TextContentAsync() ?? "").ShouldContain(product.PriceJpy.ToString("N0", CultureInfo.InvariantCulture));
        (await card.GetByTestId("citation-link").GetAttributeAsync("href")).ShouldBe(product.Url);
        chat.PageErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task AnswerWithMarkupAndScript_RendersAsTextAndRunsNothing()
    {
        var tag = Tag("hostile");
        await using var chat = await fixture.OpenAsync(fixture.Stack);

        await chat.AskAsync($"Show me {Catalog.Products[3].Title} [[text:hostile]] {tag}");

        (await chat.WaitForEndAsync(0)).ShouldBe("done");
        var shown = await chat.Answers.Nth(0).GetByTestId("answer-text").TextContentAsync() ?? "";
        shown.ShouldContain("<img src=x onerror=alert(1)>", Case.Sensitive);
        shown.ShouldContain("<script>alert(2)</script>", Case.Sensitive);
        (await chat.Page.Locator("main img, main script, main iframe, main [onerror]").CountAsync()).ShouldBe(0);
        chat.Dialogs.ShouldBeEmpty();
        chat.PageErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task EnterWhileAnImeCompositionIsOpen_DoesNotSendAndEnterAfterItDoes()
    {
        await using var chat = await fixture.OpenAsync(fixture.Stack);
        await chat.Input.FillAsync($"ワンピースのような漫画 {Tag("ime")}");

        await chat.Input.DispatchEventAsync("compositionstart");
        await chat.Input.PressAsync("Enter");

        (await chat.UserMessages.CountAsync()).ShouldBe(0);
        (await chat.Input.InputValueAsync()).ShouldStartWith("ワンピースのような漫画");

        await chat.Input.DispatchEventAsync("compositionend");
        // The keydown right after compositionend still belongs to the IME (Safari's order); a later Enter sends.
        await chat.Page.EvaluateAsync("() => new Promise(resolve => setTimeout(resolve, 50))");
        await chat.Input.PressAsync("Enter");

        (await chat.UserMessages.CountAsync()).ShouldBe(1);
        (await chat.WaitForEndAsync(0)).ShouldBe("done");
    }

    internal static string Tag(string name) => $"tag-{name}-{Guid.NewGuid():N}"[..24];
}
