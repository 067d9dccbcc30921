using MangaAssist.Orchestrator.Generation;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation;

public sealed class EchoAlignerTests
{
    private static EchoAligner CreateSut(string delivered, string quote) => new(quote, ContinuationAligner.For(delivered).Aligner);

    [Fact]
    public void Accept_EchoSplitAcrossChunks_PassesOnOnlyWhatFollowsIt()
    {
        var sut = CreateSut("Try Vinland ", "Try Vinland");

        string.Concat(sut.Accept(" Try Vin"), sut.Accept("land"), sut.Accept(" Saga.")).ShouldBe("Saga.");
        sut.Joined.ShouldBeTrue();
        sut.Mismatched.ShouldBeFalse();
    }

    [Fact]
    public void Accept_ModelRephrases_IsAMismatchAndPassesNothingOn()
    {
        var sut = CreateSut("Try Vinland", "Try Vinland");

        sut.Accept("You could try Vinland Saga.").ShouldBe("");
        sut.Mismatched.ShouldBeTrue();
        sut.Accept(" More.").ShouldBe("");
    }

    [Fact]
    public void Accept_StreamEndsBeforeTheEchoIsComplete_IsNotJoined()
    {
        var sut = CreateSut("Try Vinland", "Try Vinland");

        sut.Accept("Try Vin").ShouldBe("");
        sut.Joined.ShouldBeFalse();
    }

    [Theory]
    [InlineData("short text", 60, "short text")]
    [InlineData("one two three four five", 12, "four five")]
    [InlineData("abcdefghij klmnop", 8, "klmnop")]
    [InlineData("キャラクターの成長が丁寧に描かれています", 8, "に描かれています")]
    [InlineData("word word xx yy", 6, "xx yy")]
    public void Quote_StartsOnAWordAndNeverWithWhitespace(string settled, int length, string expected)
    {
        var quote = QuotedContinuation.Quote(settled, length);

        quote.ShouldBe(expected);
        settled.ShouldEndWith(quote);
    }
}
