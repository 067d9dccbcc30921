using MangaAssist.Orchestrator.Generation;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation;

public sealed class ContinuationAlignerTests
{
    [Fact]
    public void For_DeliveredTextEndingInWhitespace_PrefillsWithoutItAndDropsItFromTheContinuation()
    {
        var (prefill, aligner) = ContinuationAligner.For("One Piece is ");

        prefill.ShouldBe("One Piece is");
        string.Concat(aligner.Accept(" a"), aligner.Accept(" long"), aligner.Accept(" series")).ShouldBe("a long series");
    }

    [Fact]
    public void Accept_WhitespaceSplitAcrossTokens_IsDroppedOnce()
    {
        var (_, aligner) = ContinuationAligner.For("Hello \n");

        aligner.Accept(" ").ShouldBe("");
        aligner.Accept("\nWorld").ShouldBe("World");
        aligner.Accept(" \n").ShouldBe(" \n");
    }

    [Fact]
    public void Accept_ModelThatContinuesWithoutTheWhitespace_LosesNothing()
    {
        var (_, aligner) = ContinuationAligner.For("Hello ");

        aligner.Accept("world").ShouldBe("world");
        aligner.Accept(" again").ShouldBe(" again");
    }

    [Fact]
    public void For_TextWithoutTrailingWhitespace_PassesEverythingThrough()
    {
        var (prefill, aligner) = ContinuationAligner.For("漫画");

        prefill.ShouldBe("漫画");
        aligner.Accept("です").ShouldBe("です");
    }

    [Fact]
    public void DeliveredPlusAccepted_EqualsTheModelsWholeAnswer_ForEveryCutPoint()
    {
        const string answer = "MangaAssist recommends  two series:\n- Alpha\n- Beta ";
        for (var cut = 1; cut < answer.Length; cut++)
        {
            var delivered = answer[..cut];
            var (prefill, aligner) = ContinuationAligner.For(delivered);

            // A faithful model continues exactly after the prefill, in two-character tokens.
            var rest = answer[prefill.Length..];
            var continuation = string.Concat(Enumerable.Range(0, (rest.Length + 1) / 2).Select(i => aligner.Accept(rest.Substring(i * 2, Math.Min(2, rest.Length - (i * 2))))));

            (delivered + continuation).ShouldBe(answer, $"cut at {cut}");
        }
    }
}
