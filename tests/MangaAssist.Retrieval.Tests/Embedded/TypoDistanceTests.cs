using MangaAssist.Retrieval.Embedded;

namespace MangaAssist.Retrieval.Tests.Embedded;

public class TypoDistanceTests
{
    [Theory]
    [InlineData("rvaen", "raven", true)]
    [InlineData("glss", "glass", true)]
    [InlineData("seconnd", "second", true)]
    [InlineData("fozen", "frozen", true)]
    [InlineData("ball", "bell", false)]
    [InlineData("mood", "moon", false)]
    [InlineData("raven", "haven", false)]
    public void ASlip_IsADroppedDoubledSwappedOrOnLongerWordsWrongLetter(string typed, string word, bool slip) =>
        TypoDistance.IsSlip(typed, word).ShouldBe(slip);
}
