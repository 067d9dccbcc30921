using System.Text.Json;
using MangaAssist.Emulators.Bedrock.Tests.Support;

namespace MangaAssist.Emulators.Bedrock.Tests.SdkCompat;

/// <summary>The official @aws-sdk/client-bedrock-runtime, pointed at the emulator with an endpoint override only.</summary>
public sealed partial class AwsSdkForJavaScriptTests(NodeSdkRun run) : IClassFixture<NodeSdkRun>
{
    [Fact]
    public void ConverseStreamCommand_DecodesEveryEventInBedrocksOrder()
    {
        var result = run.Scenario("converse-stream");

        result.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        Strings(result.GetProperty("events")).ShouldBe(["messageStart", .. Enumerable.Repeat("contentBlockDelta", 12), "contentBlockStop", "messageStop", "metadata"]);
        result.GetProperty("role").GetString().ShouldBe("assistant");
        result.GetProperty("text").GetString()!.ShouldStartWith("You asked: \"Which shonen manga should I read first?\"");
        result.GetProperty("stopReason").GetString().ShouldBe("end_turn");
        result.GetProperty("usage").GetProperty("outputTokens").GetInt32().ShouldBe(12);
        result.GetProperty("metrics").GetProperty("latencyMs").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
        result.GetProperty("requestId").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void ConverseStreamCommand_ReportsMaxTokens()
    {
        var result = run.Scenario("converse-stream-max-tokens");

        result.GetProperty("stopReason").GetString().ShouldBe("max_tokens");
        result.GetProperty("usage").GetProperty("outputTokens").GetInt32().ShouldBe(5);
    }

    [Fact]
    public void ConverseCommand_ReturnsTheSameAnswerAsTheStream()
    {
        var result = run.Scenario("converse");

        result.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        result.GetProperty("role").GetString().ShouldBe("assistant");
        result.GetProperty("text").GetString().ShouldBe(run.Scenario("converse-stream").GetProperty("text").GetString());
        result.GetProperty("stopReason").GetString().ShouldBe("end_turn");
        result.GetProperty("usage").GetProperty("totalTokens").GetInt32().ShouldBeGreaterThan(12);
    }

    [Fact]
    public void InvokeModelCommand_ReturnsANormalisedTitanEmbedding()
    {
        var result = run.Scenario("invoke-titan");

        result.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        result.GetProperty("dimensions").GetInt32().ShouldBe(512);
        result.GetProperty("norm").GetDouble().ShouldBe(1.0, 1e-5);
        result.GetProperty("inputTextTokenCount").GetInt32().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void AContinuationFromAnAssistantPrefill_CompletesTheAnswerExactly()
    {
        var result = run.Scenario("continuation");

        result.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        result.GetProperty("rest").GetString().ShouldNotBeNullOrEmpty();
        result.GetProperty("joined").GetString().ShouldBe(result.GetProperty("whole").GetString());
    }

    [Theory]
    [InlineData("unknown-model", "ValidationException", 400)]
    [InlineData("http-503", "ServiceUnavailableException", 503)]
    [InlineData("http-429", "ThrottlingException", 429)]
    [InlineData("http-500", "InternalServerException", 500)]
    [InlineData("http-408", "ModelTimeoutException", 408)]
    [InlineData("http-424", "ModelErrorException", 424)]
    [InlineData("model-not-ready", "ModelNotReadyException", 429)]
    [InlineData("quota", "ServiceQuotaExceededException", 400)]
    [InlineData("access-denied", "AccessDeniedException", 403)]
    public void HttpErrors_SurfaceAsTheirExceptionClasses(string scenario, string exceptionName, int status)
    {
        var error = run.Scenario(scenario).GetProperty("error");

        error.GetProperty("name").GetString().ShouldBe(exceptionName);
        error.GetProperty("httpStatusCode").GetInt32().ShouldBe(status);
        error.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        error.GetProperty("requestId").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void The503Message_IsBedrocksTooManyConnections()
    {
        run.Scenario("http-503").GetProperty("error").GetProperty("message").GetString()
            .ShouldBe("Too many connections, please wait before trying again.");
    }

    [Theory]
    [InlineData("stream-error", "ModelStreamErrorException")]
    [InlineData("stream-throttle", "ThrottlingException")]
    [InlineData("stream-internal", "InternalServerException")]
    [InlineData("stream-unavailable", "ServiceUnavailableException")]
    public void InStreamExceptions_SurfaceAsTheirExceptionClasses_AfterTheTokensBeforeThem(string scenario, string exceptionName)
    {
        var result = run.Scenario(scenario);

        result.GetProperty("httpStatusCode").GetInt32().ShouldBe(200);
        Strings(result.GetProperty("events")).ShouldBe(["messageStart", "contentBlockDelta", "contentBlockDelta", "contentBlockDelta", "contentBlockDelta"]);
        result.GetProperty("error").GetProperty("name").GetString().ShouldBe(exceptionName);
    }

    [Fact]
    public void ModelStreamErrorException_CarriesTheOriginalStatusCodeAndMessage()
    {
        var error = run.Scenario("stream-error").GetProperty("error");

        error.GetProperty("originalStatusCode").GetInt32().ShouldBe(500);
        error.GetProperty("originalMessage").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void AReset_BreaksTheStreamWithoutAClosingEvent()
    {
        var result = run.Scenario("reset");

        result.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Object);
        var events = Strings(result.GetProperty("events"));
        events.ShouldNotContain("messageStop");
        events.Count(e => e == "contentBlockDelta").ShouldBeLessThanOrEqualTo(4);
    }

    [Fact]
    public void TheSdksOwnRetries_GetThroughARepeatLimitedFault()
    {
        var result = run.Scenario("retry-succeeds");

        result.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        result.GetProperty("attempts").GetInt32().ShouldBe(3);
        result.GetProperty("stopReason").GetString().ShouldBe("end_turn");
    }

    [Fact]
    public async Task ASingleScenario_PrintsJustItsOwnResult()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        var output = await NodeSdkRun.RunNodeAsync(emulator.BaseAddress.ToString().TrimEnd('/'), "http-429");

        var error = JsonDocument.Parse(output).RootElement.GetProperty("error");
        error.GetProperty("name").GetString().ShouldBe("ThrottlingException");
        error.GetProperty("message").GetString().ShouldBe("Too many requests, please wait before trying again.");
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
