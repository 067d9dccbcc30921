using MangaAssist.Page.Tests.Support;
using MangaAssist.Retrieval.Catalog;
using Shouldly;

namespace MangaAssist.Page.Tests;

/// <summary>The page on a bad day: its socket cut mid-answer, the service too busy to answer at once.</summary>
[Collection(PageStackCollection.Name)]
public sealed class ChatPageResilienceTests(PageStackFixture fixture)
{
    private static readonly ProductCatalog Catalog = ProductCatalog.LoadShipped();

    [Fact]
    public async Task SocketDroppedHalfWay_ThePageReconnectsResumesAndShowsTheWholeAnswerExactlyOnce()
    {
        var tag = ChatPageAnswerTests.Tag("drop");
        var before = await fixture.Stack.OpenConnectionsAsync();
        await using var chat = await fixture.OpenAsync(fixture.Stack);
        var pageSocket = (await fixture.Stack.OpenConnectionsAsync()).Except(before).ShouldHaveSingleItem();

        await chat.AskAsync($"Tell me everything about {Catalog.Products[5].Title} [[tokens:200]] [[tps:25]] {tag}");
        await chat.Page.WaitForFunctionAsync(
            "() => (window.mangaAssistChat.answers()[0]?.text.length ?? 0) > 40", null, new() { Timeout = ChatPage.Patience });
        await fixture.Stack.DropAsync(pageSocket);

        (await chat.WaitForEndAsync(0)).ShouldBe("done");
        var modelAnswer = await fixture.Stack.ModelAnswerAsync(tag);
        (await chat.AnswerTextsAsync()).ShouldBe([modelAnswer]);
        var now = await fixture.Stack.OpenConnectionsAsync();
        now.ShouldNotContain(pageSocket);
        now.Except(before).ShouldHaveSingleItem("the page came back on one new socket");
        chat.PageErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task ServiceBusy_ThePageCountsDownRetryAfterAndThenGetsItsAnswer()
    {
        // One model stream at a time and no queue: a second question while one streams is refused with busy.
        await using var stack = await PageStack.StartAsync("--Capacity:MaxConcurrentStreams=1", "--Capacity:MaxQueuedRequests=0", "--Capacity:BusyRetryAfter=00:00:01");
        await using var first = await fixture.OpenAsync(stack);
        await using var second = await fixture.OpenAsync(stack);
        var tag = ChatPageAnswerTests.Tag("busy");

        await first.AskAsync($"A slow one about {Catalog.Products[8].Title} [[tokens:50]] [[tps:25]] {ChatPageAnswerTests.Tag("slow")}");
        await first.Page.WaitForFunctionAsync("() => (window.mangaAssistChat.answers()[0]?.text.length ?? 0) > 0", null, new() { Timeout = ChatPage.Patience });
        await second.AskAsync($"What is {Catalog.Products[9].Title} about? {tag}");

        await second.Page.Locator("[data-testid=answer][data-state=busy]").WaitForAsync(new() { Timeout = ChatPage.Patience });
        (await second.Answers.Nth(0).GetByTestId("answer-status").TextContentAsync()).ShouldStartWith("MangaAssist is very busy. Trying again in");
        (await second.WaitForEndAsync(0)).ShouldBe("done");
        (await first.WaitForEndAsync(0)).ShouldBe("done");
        (await second.AnswerTextsAsync()).ShouldBe([await stack.ModelAnswerAsync(tag)]);
    }
}
