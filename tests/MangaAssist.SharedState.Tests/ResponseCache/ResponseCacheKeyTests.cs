using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.SharedState.Tests.ResponseCache;

public sealed class ResponseCacheKeyTests
{
    [Theory]
    [InlineData("  ＯＮＥ　PIECE？ ", "one piece?")]
    [InlineData("おすすめの\t\n少年漫画は？", "おすすめの 少年漫画は?")]
    [InlineData("ﾜﾝﾋﾟｰｽ", "ワンピース")]
    [InlineData("Naruto   VS   Bleach", "naruto vs bleach")]
    [InlineData("", "")]
    public void NormalizeQuestion_FoldsWidthCaseAndWhiteSpace(string question, string expected) =>
        ResponseCacheKey.NormalizeQuestion(question).ShouldBe(expected);

    [Fact]
    public void Create_EquivalentQuestions_GiveTheSameKey() =>
        ResponseCacheKey.Create("m", "ＯＮＥ　ＰＩＥＣＥ　は何巻まで？", "r1", "stateless")
            .ShouldBe(ResponseCacheKey.Create("m", " one piece は何巻まで? ", "r1", "stateless"));

    [Theory]
    [InlineData("other-model", "q", "r1", "stateless")]
    [InlineData("m", "another question", "r1", "stateless")]
    [InlineData("m", "q", "r2", "stateless")]
    [InlineData("m", "q", "r1", "history:abc")]
    public void Create_AnyPartDiffers_GivesAnotherKey(string model, string question, string fingerprint, string policy) =>
        ResponseCacheKey.Create(model, question, fingerprint, policy).ShouldNotBe(ResponseCacheKey.Create("m", "q", "r1", "stateless"));

    [Fact]
    public void Create_FieldBoundariesAreNotAmbiguous() =>
        ResponseCacheKey.Create("m", "ab", "c", "p").ShouldNotBe(ResponseCacheKey.Create("m", "a", "bc", "p"));

    [Fact]
    public void Create_IsAVersionedHexDigest() =>
        ResponseCacheKey.Create("m", "q", "", "stateless").Value.ShouldMatch("^v1:[0-9a-f]{32}$");

    [Fact]
    public void Create_WithoutModelOrPolicy_Throws()
    {
        Should.Throw<ArgumentException>(() => ResponseCacheKey.Create(" ", "q", "", "stateless"));
        Should.Throw<ArgumentException>(() => ResponseCacheKey.Create("m", "q", "", ""));
    }
}
