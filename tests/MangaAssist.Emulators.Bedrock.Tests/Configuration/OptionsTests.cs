using MangaAssist.Emulators.Bedrock.Configuration;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.Bedrock.Tests.Configuration;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new BedrockEmulatorOptions();

        options.Url.ShouldBe("http://127.0.0.1:8090");
        options.TimeToFirstTokenMs.ShouldBe(300);
        options.TokensPerSecond.ShouldBe(60);
        options.DefaultAnswerTokens.ShouldBe(80);
        options.MaxStallMs.ShouldBe(120_000);
        options.TranscriptCapacity.ShouldBe(256);
        options.AcceptAnyClaudeModelId.ShouldBeTrue();
        options.AdditionalModelIds.ShouldBeEmpty();
    }

    [Fact]
    public async Task InvalidOptions_StopTheStart_WithEveryProblemListed()
    {
        var app = BedrockEmulatorApp.Create(
        [
            "--urls", "http://127.0.0.1:0",
            "--BedrockEmulator:TimeToFirstTokenMs=-1",
            "--BedrockEmulator:DefaultAnswerTokens=0",
            "--BedrockEmulator:Url=ftp://nowhere",
            "--BedrockEmulator:AdditionalModelIds:0=has space",
        ]);
        await using var _ = app;

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync());

        failure.Message.ShouldContain("TimeToFirstTokenMs");
        failure.Message.ShouldContain("DefaultAnswerTokens");
        failure.Message.ShouldContain("ftp://nowhere");
        failure.Message.ShouldContain("has space");
    }

    [Fact]
    public async Task AdditionalModelIds_AreServed()
    {
        await using var emulator = await Support.RunningEmulator.StartAsync("AcceptAnyClaudeModelId=false", "AdditionalModelIds:0=local.test-model");

        var stream = await emulator.StreamAsync(Support.ConverseBody.User("Hi [[tokens:2]]"), "local.test-model");
        using var unknown = await emulator.ConverseStreamAsync(Support.ConverseBody.User("Hi"), "anthropic.claude-made-up-v9:0");

        stream.Deltas.Count().ShouldBe(2);
        unknown.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
    }
}
