using MangaAssist.Orchestrator.Generation;
using MangaAssist.Retrieval.Prompting;
using Microsoft.Extensions.AI;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation;

public sealed class ContenderTests
{
    [Fact]
    public async Task EstimatedInputTokens_IsThePromptsEstimate_AsItWasWhenTheCallOpened()
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "You are MangaAssist, the store's assistant."),
            new(ChatRole.User, "「進撃の巨人」の作者は？ Who drew it?"),
        ];
        var expected = TokenEstimator.Estimate(messages[0].Text) + TokenEstimator.Estimate(messages[1].Text);
        await using var contender = new Contender("model-a", messages, _ => Answer("ok"), CancellationToken.None);

        // The caller may reuse its list for the next call; the estimate (taken when first asked) is of this call's prompt.
        messages.Add(new ChatMessage(ChatRole.Assistant, "a long continuation prefix that this call never sent"));

        (await contender.FirstText).ShouldBeTrue();
        expected.ShouldBeGreaterThan(10);
        contender.EstimatedInputTokens.ShouldBe(expected);
        contender.EstimatedInputTokens.ShouldBe(expected);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Answer(string text)
    {
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, text);
    }
}
