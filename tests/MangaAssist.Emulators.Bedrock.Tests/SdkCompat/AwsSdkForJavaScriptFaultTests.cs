using System.Text.Json;
using MangaAssist.Emulators.Bedrock.Tests.Support;
using MangaAssist.Tests.Shared;

namespace MangaAssist.Emulators.Bedrock.Tests.SdkCompat;

/// <summary>Runs <c>node tests/sdk-compat/bedrock-faults.mjs &lt;endpoint&gt;</c> once against a fresh emulator.</summary>
public sealed class NodeSdkFaultRun : IAsyncLifetime
{
    public JsonElement Results { get; private set; }

    public async Task InitializeAsync()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var output = await SdkCompatNode.RunAsync(RepositoryRoot.Find(), "bedrock-faults.mjs", TimeSpan.FromSeconds(60), emulator.BaseAddress.ToString().TrimEnd('/'));
        Results = JsonDocument.Parse(output).RootElement.Clone();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public JsonElement Scenario(string name) => Results.GetProperty(name);
}

/// <summary>The official @aws-sdk/client-bedrock-runtime reads the emulator's failure kinds as Bedrock's own.</summary>
public sealed class AwsSdkForJavaScriptFaultTests(NodeSdkFaultRun run) : IClassFixture<NodeSdkFaultRun>
{
    [Fact]
    public void Malformed_IsAChecksumErrorAfterTheGoodEvents_NeverAStop()
    {
        var result = run.Scenario("malformed");

        result.GetProperty("error").GetProperty("message").GetString()!.ShouldContain("checksum");
        result.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ShouldBe(["messageStart", "contentBlockDelta", "contentBlockDelta", "contentBlockDelta"]);
        result.GetProperty("stopReason").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void NoEnd_EndsWithoutMessageStop_AndTheSdkDoesNotComplain()
    {
        // Why the service's own client must check for messageStop: the SDK just ends the iteration.
        var result = run.Scenario("no-end");

        result.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        result.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ShouldBe(["messageStart", "contentBlockDelta", "contentBlockDelta", "contentBlockDelta"]);
        result.GetProperty("stopReason").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void ContextTooLong_IsAValidationExceptionWithBedrocksWording()
    {
        var error = run.Scenario("context-too-long").GetProperty("error");

        error.GetProperty("name").GetString().ShouldBe("ValidationException");
        error.GetProperty("httpStatusCode").GetInt32().ShouldBe(400);
        error.GetProperty("message").GetString().ShouldBe("Input is too long for requested model.");
    }

    [Fact]
    public void ContentFiltered_IsAStopReason()
    {
        var result = run.Scenario("content-filtered");

        result.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        result.GetProperty("stopReason").GetString().ShouldBe("content_filtered");
    }

    [Fact]
    public void ResetBeforeHeaders_IsAnErrorWithoutAnHttpStatus()
    {
        var result = run.Scenario("reset-before-headers");

        result.GetProperty("events").GetArrayLength().ShouldBe(0);
        var error = result.GetProperty("error");
        error.ValueKind.ShouldBe(JsonValueKind.Object);
        error.TryGetProperty("httpStatusCode", out _).ShouldBeFalse();
    }

    [Fact]
    public void Throttling_CarriesTheRetryAfterHeader()
    {
        var error = run.Scenario("throttled-with-hint").GetProperty("error");

        error.GetProperty("name").GetString().ShouldBe("ThrottlingException");
        error.GetProperty("retryAfter").GetString().ShouldBe("2");
    }

    [Fact]
    public void AMarkerScopedToAnotherModel_LeavesTheAnswerClean()
    {
        var result = run.Scenario("scoped-other-model");

        result.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        result.GetProperty("stopReason").GetString().ShouldBe("end_turn");
    }
}
