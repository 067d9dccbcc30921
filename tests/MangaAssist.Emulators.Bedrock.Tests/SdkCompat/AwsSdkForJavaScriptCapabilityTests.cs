using System.Text.Json;
using MangaAssist.Emulators.Bedrock.Tests.Support;

namespace MangaAssist.Emulators.Bedrock.Tests.SdkCompat;

// The official JS SDK decodes what the emulator sends for the newer Bedrock features: prefill refusal, guardrails, prompt-cache usage.
public sealed partial class AwsSdkForJavaScriptTests
{
    [Fact]
    public void PrefillOnAModelThatRefusesIt_IsAValidationExceptionWithBedrocksMessage()
    {
        var error = run.Scenario("prefill-refused").GetProperty("error");

        error.GetProperty("name").GetString().ShouldBe("ValidationException");
        error.GetProperty("httpStatusCode").GetInt32().ShouldBe(400);
        error.GetProperty("fault").GetString().ShouldBe("client");
        error.GetProperty("message").GetString().ShouldBe("This model does not support assistant message prefill. The conversation must end with a user message.");
    }

    [Fact]
    public void GuardrailIntervention_EndsTheStreamWithGuardrailIntervened()
    {
        var result = run.Scenario("guardrail");

        result.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        result.GetProperty("stopReason").GetString().ShouldBe("guardrail_intervened");
        result.GetProperty("text").GetString()!.ShouldEndWith("Sorry, the model cannot answer this question.");
        result.GetProperty("events").EnumerateArray().Select(e => e.GetString()).TakeLast(3).ShouldBe(["contentBlockStop", "messageStop", "metadata"]);
    }

    [Fact]
    public void RepeatedCachedPrefix_UsageCarriesCacheWriteThenCacheRead()
    {
        var result = run.Scenario("prompt-cache");

        result.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        var written = result.GetProperty("first").GetProperty("cacheWriteInputTokens").GetInt32();
        written.ShouldBeGreaterThanOrEqualTo(2048);
        result.GetProperty("first").GetProperty("cacheReadInputTokens").GetInt32().ShouldBe(0);
        result.GetProperty("second").GetProperty("cacheReadInputTokens").GetInt32().ShouldBe(written);
        result.GetProperty("second").GetProperty("cacheWriteInputTokens").GetInt32().ShouldBe(0);
    }
}
