using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Protocol;
using Microsoft.Extensions.AI;
using Shouldly;
using static MangaAssist.Orchestrator.Tests.Generation.Failover.ConductHarness;

namespace MangaAssist.Orchestrator.Tests.Generation.Failover;

/// <summary>Input too long is trimmed and tried once more, else its own code; a content filter has its own code.</summary>
public sealed class HonestErrorTests
{
    private const string Passages =
        "<passage index=\"1\" id=\"p1\" title=\"One\" url=\"u1\">\n[1] First passage text.\n</passage>\n"
        + "<passage index=\"2\" id=\"p2\" title=\"Two\" url=\"u2\">\n[2] Second passage text.\n</passage>\n\nSomething like One Piece?";

    private static readonly IReadOnlyList<ChatMessage> LongPrompt =
    [
        new(ChatRole.System, "You recommend manga."),
        new(ChatRole.User, "An old question about Naruto and its many arcs."),
        new(ChatRole.Assistant, "An old answer about Naruto, long and detailed."),
        new(ChatRole.User, "Another question."),
        new(ChatRole.Assistant, "Another answer."),
        new(ChatRole.User, Passages),
    ];

    private readonly ConductHarness _h = new();

    [Fact]
    public async Task InputTooLong_TrimsTheOldestHistoryAndRetriesOnce()
    {
        _h.Model.Fails("model-a", BedrockErrorKind.InputTooLong, status: 400).Answers("model-a", "Try ", "Berserk.");

        var result = await _h.GenerateAsync(LongPrompt).WaitAsync(Patience);

        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        _h.Text.ShouldBe("Try Berserk.");
        var retried = _h.Model.Calls[1].Messages;
        retried.Count.ShouldBeLessThan(LongPrompt.Count);
        retried[0].Text.ShouldBe("You recommend manga.");
        retried[^1].Text.ShouldEndWith("Something like One Piece?");
        retried.ShouldNotContain(m => m.Text.Contains("Naruto", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InputTooLongAgainAfterTrimming_EndsWithInputTooLong()
    {
        _h.Model.Fails("model-a", BedrockErrorKind.InputTooLong, status: 400).Fails("model-a", BedrockErrorKind.InputTooLong, status: 400);

        var result = await _h.GenerateAsync(LongPrompt).WaitAsync(Patience);

        result.Completed.ShouldBeFalse();
        _h.Model.Calls.Count.ShouldBe(2);
        var frame = ErrorCatalog.ForModelFailure(result.Outcome);
        frame.Code.ShouldBe("input_too_long");
        frame.Retryable.ShouldBeFalse();
    }

    [Fact]
    public async Task InputTooLongWithNothingToTrim_EndsAtOnce()
    {
        IReadOnlyList<ChatMessage> bare = [new(ChatRole.System, "You recommend manga."), new(ChatRole.User, "Something like One Piece?")];
        _h.Model.Fails("model-a", BedrockErrorKind.InputTooLong, status: 400);

        var result = await _h.GenerateAsync(bare).WaitAsync(Patience);

        result.Completed.ShouldBeFalse();
        _h.Model.Calls.Count.ShouldBe(1);
        ErrorCatalog.ForModelFailure(result.Outcome).Code.ShouldBe("input_too_long");
    }

    [Fact]
    public async Task ContentFilteredStop_EndsWithContentFilteredAndIsNotRetried()
    {
        _h.Model.Stops("model-a", "content_filtered", "Try ");

        var result = await _h.GenerateAsync().WaitAsync(Patience);

        result.Completed.ShouldBeFalse();
        result.Outcome.Result.ShouldBe(AttemptResult.ContentFiltered);
        _h.Text.ShouldBe("Try ");
        _h.Model.Calls.Count.ShouldBe(1);
        var frame = ErrorCatalog.ForModelFailure(result.Outcome);
        frame.Code.ShouldBe("content_filtered");
        frame.Retryable.ShouldBeFalse();
    }

    [Fact]
    public void GuardrailKeepsItsOwnCode() =>
        ErrorCatalog.ForModelFailure(AttemptOutcome.GuardrailIntervened("model-a")).Code.ShouldBe("guardrail_intervened");
}
