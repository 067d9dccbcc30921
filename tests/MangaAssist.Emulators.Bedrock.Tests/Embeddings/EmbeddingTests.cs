using System.Net;
using System.Text.Json;
using MangaAssist.Emulators.Bedrock.Embeddings;
using MangaAssist.Emulators.Bedrock.Tests.Support;

namespace MangaAssist.Emulators.Bedrock.Tests.Embeddings;

public sealed class EmbeddingTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private RunningEmulator Emulator => fixture.Emulator;

    [Theory]
    [InlineData(256)]
    [InlineData(512)]
    [InlineData(1024)]
    [InlineData(null)]
    public async Task InvokeTitan_ReturnsANormalisedEmbeddingOfTheRequestedDimension(int? dimensions)
    {
        var body = dimensions is null
            ? """{"inputText":"One Piece is a pirate adventure"}"""
            : $$"""{"inputText":"One Piece is a pirate adventure","dimensions":{{dimensions}},"normalize":true}""";

        var (embedding, tokenCount) = await EmbedAsync(body);

        embedding.Length.ShouldBe(dimensions ?? 1024);
        Math.Sqrt(embedding.Sum(v => v * v)).ShouldBe(1.0, 1e-5);
        tokenCount.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task InvokeTitan_GivesTheSameEmbeddingForTheSameText()
    {
        const string body = """{"inputText":"おすすめの少年漫画は？","dimensions":256}""";

        var (first, _) = await EmbedAsync(body);
        var (second, _) = await EmbedAsync(body);

        second.ShouldBe(first);
    }

    [Theory]
    [InlineData("pirate adventure manga with a rubber hero", "a manga about a pirate adventure and a rubber hero", "tax rules for small business accounting")]
    [InlineData("The best volleyball manga for beginners", "volleyball manga recommendations for beginners", "how to repair a bicycle chain")]
    [InlineData("おすすめの少年漫画は何ですか", "少年漫画のおすすめを教えて", "明日の天気予報と降水確率")]
    [InlineData("海賊が主人公の冒険漫画", "海賊の冒険を描いた漫画", "確定申告の書類の書き方")]
    public void SimilarTexts_AreMoreSimilarThanUnrelatedTexts(string text, string similar, string unrelated)
    {
        var anchor = FeatureHashingEmbedder.Embed(text, 1024, normalize: true);

        var close = Cosine(anchor, FeatureHashingEmbedder.Embed(similar, 1024, normalize: true));
        var far = Cosine(anchor, FeatureHashingEmbedder.Embed(unrelated, 1024, normalize: true));

        close.ShouldBeGreaterThan(far + 0.2);
    }

    [Theory]
    [InlineData("""{"inputText":""}""", "minLength")]
    [InlineData("""{"inputText":"hello","dimensions":300}""", "dimensions")]
    [InlineData("not json", "Malformed input request")]
    public async Task InvokeTitan_WithABadBody_Answers400ValidationException(string body, string expected)
    {
        using var response = await Emulator.InvokeAsync(body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.GetValues("x-amzn-ErrorType").Single().ShouldStartWith("ValidationException:");
        (await response.Content.ReadAsStringAsync()).ShouldContain(expected);
    }

    [Fact]
    public async Task Invoke_OfAChatModel_Answers400ValidationException()
    {
        using var response = await Emulator.InvokeAsync("""{"inputText":"hello"}""", RunningEmulator.SonnetProfile);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.GetValues("x-amzn-ErrorType").Single().ShouldStartWith("ValidationException:");
    }

    private async Task<(float[] Embedding, int TokenCount)> EmbedAsync(string body)
    {
        using var response = await Emulator.InvokeAsync(body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (
            json.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray(),
            json.GetProperty("inputTextTokenCount").GetInt32());
    }

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
