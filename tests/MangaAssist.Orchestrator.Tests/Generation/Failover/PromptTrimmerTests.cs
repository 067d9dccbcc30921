using MangaAssist.Orchestrator.Generation;
using MangaAssist.Retrieval.Prompting;
using Microsoft.Extensions.AI;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation.Failover;

public sealed class PromptTrimmerTests
{
    private static string Passage(int n, string text) => $"<passage index=\"{n}\" id=\"p{n}\" title=\"T{n}\" url=\"u{n}\">\n[{n}] {text}\n</passage>\n";

    [Fact]
    public void Trim_DropsTheOldestTurnsFirst()
    {
        var longTurn = string.Join(' ', Enumerable.Repeat("history", 200));
        List<ChatMessage> prompt =
        [
            new(ChatRole.System, "rules"),
            new(ChatRole.User, "old " + longTurn), new(ChatRole.Assistant, "old answer " + longTurn),
            new(ChatRole.User, "recent"), new(ChatRole.Assistant, "recent answer"),
            new(ChatRole.User, Passage(1, "short") + "\nQuestion?"),
        ];

        var trim = PromptTrimmer.Trim(prompt);

        trim.HistoryTurnsDropped.ShouldBe(2);
        trim.PassagesDropped.ShouldBe(0);
        trim.Messages.Select(m => m.Text).ShouldBe(["rules", "recent", "recent answer", prompt[^1].Text]);
    }

    [Fact]
    public void Trim_WithoutHistory_DropsTheLowestRankedPassagesAndKeepsTheNumbersOfTheRest()
    {
        List<ChatMessage> prompt =
        [
            new(ChatRole.System, "rules"),
            new(ChatRole.User, string.Concat(Enumerable.Range(1, 4).Select(n => Passage(n, "catalog text"))) + "\nQuestion?"),
        ];

        var trim = PromptTrimmer.Trim(prompt);

        trim.HistoryTurnsDropped.ShouldBe(0);
        trim.PassagesDropped.ShouldBe(2);
        var final = trim.Messages[^1].Text;
        final.ShouldContain("[1] catalog text");
        final.ShouldContain("[2] catalog text");
        final.ShouldNotContain("[3]");
        final.ShouldNotContain("[4]");
        final.ShouldEndWith("Question?");
    }

    [Fact]
    public void Trim_LastPassageGone_SaysThePassagesDidNotFit_NotThatTheStoreLacksIt()
    {
        List<ChatMessage> prompt = [new(ChatRole.System, "rules"), new(ChatRole.User, Passage(1, "only one") + "\nQuestion?")];

        var trim = PromptTrimmer.Trim(prompt);

        trim.PassagesDropped.ShouldBe(1);
        trim.Messages[^1].Text.ShouldBe("Question?\n\n" + RagPromptComposer.PassagesDidNotFit);
        trim.Messages[^1].Text.ShouldNotContain("does not carry");
    }

    [Fact]
    public void Trim_NothingToDrop_ReportsNoTrim()
    {
        List<ChatMessage> prompt = [new(ChatRole.System, "rules"), new(ChatRole.User, "Question?")];

        var trim = PromptTrimmer.Trim(prompt);

        trim.Trimmed.ShouldBeFalse();
        trim.Messages.Select(m => m.Text).ShouldBe(["rules", "Question?"]);
    }
}
