using MangaAssist.Orchestrator.Protocol;
using MangaAssist.Orchestrator.Tests.Support;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Protocol;

public sealed class DeltaTextSplitterTests
{
    [Fact]
    public void FittingPrefixLength_RandomTextAndBudgets_PiecesFitAndConcatenateToTheOriginal()
    {
        var random = new Random(7);
        for (var i = 0; i < 3000; i++)
        {
            var text = RandomText.Next(random, 60);
            var budget = random.Next(12, 80);
            var pieces = new List<string>();
            var offset = 0;
            while (offset < text.Length)
            {
                var length = DeltaTextSplitter.FittingPrefixLength(text.AsSpan(offset), budget);
                length.ShouldBeGreaterThan(0);
                pieces.Add(text.Substring(offset, length));
                offset += length;
            }

            string.Concat(pieces).ShouldBe(text);
            pieces.ShouldAllBe(piece => JsonText.EscapedLength(piece) <= budget);
            pieces.ShouldAllBe(piece => !char.IsHighSurrogate(piece[piece.Length - 1]));
        }
    }

    [Fact]
    public void FittingPrefixLength_TextThatFits_IsTakenWhole()
    {
        DeltaTextSplitter.FittingPrefixLength("ワンピース", 15).ShouldBe(5);
        DeltaTextSplitter.FittingPrefixLength("ワンピース", 14).ShouldBe(4);
    }
}
