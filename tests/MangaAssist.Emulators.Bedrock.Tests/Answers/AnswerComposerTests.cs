using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Emulators.Bedrock.Kernel;

namespace MangaAssist.Emulators.Bedrock.Tests.Answers;

public sealed class AnswerComposerTests
{
    private const string Model = "us.anthropic.claude-3-5-sonnet-20240620-v1:0";

    [Fact]
    public void TheSameModelSystemAndQuestion_GiveTheSameAnswer()
    {
        var first = AnswerComposer.ComposeFullText(Model, "Be brief.", "Which romance manga is good?", 80);
        var second = AnswerComposer.ComposeFullText(Model, "Be brief.", "Which romance manga is good?", 80);

        second.ShouldBe(first);
    }

    [Fact]
    public void ADifferentModelOrSystemPrompt_GivesADifferentAnswer()
    {
        var baseline = AnswerComposer.ComposeFullText(Model, "Be brief.", "Which romance manga is good?", 200);

        AnswerComposer.ComposeFullText("anthropic.claude-3-haiku-20240307-v1:0", "Be brief.", "Which romance manga is good?", 200).ShouldNotBe(baseline);
        AnswerComposer.ComposeFullText(Model, "Be thorough.", "Which romance manga is good?", 200).ShouldNotBe(baseline);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(80)]
    [InlineData(600)]
    public void TheAnswer_HasExactlyTheRequestedNumberOfTokens(int tokens)
    {
        var text = AnswerComposer.ComposeFullText(Model, "", "Tell me everything about shonen manga", tokens);

        TokenSplitter.Split(text).Count.ShouldBe(tokens);
    }

    [Fact]
    public void TheAnswer_QuotesTheQuestionWithoutMarkers_AndTheFirstPassage()
    {
        const string message = "Who is the captain? [[tokens:60]]\n<passage id=\"a\">Luffy is the captain of the Straw Hat Pirates.</passage>\n<passage id=\"b\">Zoro is a swordsman.</passage>";

        var text = AnswerComposer.ComposeFullText(Model, "", message, 60);

        text.ShouldStartWith("You asked: \"Who is the captain?\". The first passage says: \"Luffy is the captain of the Straw Hat Pirates.\" [1].");
        text.ShouldNotContain("Zoro");
        text.ShouldNotContain("[[");
    }

    [Fact]
    public void APassageInTheSystemPrompt_IsQuotedWhenTheMessageHasNone()
    {
        const string system = "Answer from these sources:\n[1] Haikyu!! follows a short volleyball player.\n[2] Slam Dunk is about basketball.";

        var text = AnswerComposer.ComposeFullText(Model, system, "Recommend a sports manga", 40);

        text.ShouldContain("The first passage says: \"Haikyu!! follows a short volleyball player.\"");
    }

    [Fact]
    public void AJapaneseQuestion_GetsAJapaneseAnswer_InPiecesOfOneToThreeCharacters()
    {
        var text = AnswerComposer.ComposeFullText(Model, "", "おすすめの少年漫画は？", 50);

        text.ShouldStartWith("ご質問は「おすすめの少年漫画は？」ですね。");
        TokenSplitter.Split(text).ShouldAllBe(token => token.Length >= 1 && token.Length <= 3);
    }

    [Theory]
    [InlineData("You asked: \"Hello\". Many readers start  with the first volume.")]
    [InlineData("  leading spaces, tabs\tand\nnew lines ")]
    [InlineData("ご質問は「ONE PIECE」ですね。English mixed in 日本語。")]
    public void TokenSplitter_PiecesConcatenateBackToTheText(string text)
    {
        var tokens = TokenSplitter.Split(text);

        string.Concat(tokens).ShouldBe(text);
        tokens.ShouldAllBe(t => t.Length > 0);
    }

    [Fact]
    public void AnAssistantPrefillThatIsAPrefix_LeavesOnlyTheRemainderToStream()
    {
        var full = AnswerComposer.ComposeFullText(Model, "", "Prefill me", 30);
        var prefill = full[..17].TrimEnd();
        var request = new ConverseRequest(Model, "", [new(ConversationRole.User, "Prefill me"), new(ConversationRole.Assistant, prefill)], null, []);

        var answer = AnswerComposer.Compose(request, 30);

        answer.PrefillMatched.ShouldBeTrue();
        (prefill + answer.PlannedText).ShouldBe(full);
        answer.AnswerText.ShouldBe(full);
    }

    [Fact]
    public void AnAssistantPrefillThatIsNotAPrefix_IsContinuedFromTheSamePointOfThisModelsAnswer()
    {
        var full = AnswerComposer.ComposeFullText(Model, "", "Prefill me", 30);
        var request = new ConverseRequest(Model, "", [new(ConversationRole.User, "Prefill me"), new(ConversationRole.Assistant, "Something else")], null, []);

        var answer = AnswerComposer.Compose(request, 30);

        answer.PrefillMatched.ShouldBeFalse();
        answer.FullText.ShouldStartWith("Something else ");
        answer.AnswerText.ShouldBe(answer.FullText);
        answer.PlannedText.ShouldBe(" " + string.Concat(TokenSplitter.Split(full).Skip(TokenSplitter.Count("Something else"))));
    }
}
