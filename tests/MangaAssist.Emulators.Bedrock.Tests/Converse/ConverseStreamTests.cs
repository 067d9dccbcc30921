using System.Net;
using MangaAssist.Emulators.Bedrock.Tests.Support;

namespace MangaAssist.Emulators.Bedrock.Tests.Converse;

public sealed class ConverseStreamTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private RunningEmulator Emulator => fixture.Emulator;

    [Fact]
    public async Task ConverseStream_SendsBedrocksEventSequence_ThatAwsSdkCoreDecodes()
    {
        using var response = await Emulator.ConverseStreamAsync(ConverseBody.User("Which shonen manga should I start with? [[tokens:7]]"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.amazon.eventstream");
        response.Headers.GetValues("x-amzn-RequestId").Single().ShouldNotBeNullOrWhiteSpace();

        var stream = await ReceivedStream.ReadAsync(response);

        stream.BrokenBy.ShouldBeNull();
        stream.Events.Select(e => e.EventType).ShouldBe(
        [
            "messageStart",
            .. Enumerable.Repeat("contentBlockDelta", 7),
            "contentBlockStop", "messageStop", "metadata",
        ]);
        stream.Events.ShouldAllBe(e => e.MessageType == "event" && e.ContentType == "application/json");
        stream.Events[0].Payload.GetProperty("role").GetString().ShouldBe("assistant");
        stream.Events[1].Payload.GetProperty("contentBlockIndex").GetInt32().ShouldBe(0);
        stream.Events[^3].Payload.GetProperty("contentBlockIndex").GetInt32().ShouldBe(0);
        stream.Events[^2].Payload.GetProperty("stopReason").GetString().ShouldBe("end_turn");

        var usage = stream.Events[^1].Payload.GetProperty("usage");
        usage.GetProperty("outputTokens").GetInt32().ShouldBe(7);
        usage.GetProperty("inputTokens").GetInt32().ShouldBeGreaterThan(0);
        usage.GetProperty("totalTokens").GetInt32().ShouldBe(usage.GetProperty("inputTokens").GetInt32() + 7);
        stream.Events[^1].Payload.GetProperty("metrics").GetProperty("latencyMs").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task ConverseStream_DeltasConcatenateToTheTextInTheTranscript()
    {
        const string question = "Tell me about long-running pirate stories [[tokens:40]] #transcript-text";

        var stream = await Emulator.StreamAsync(ConverseBody.User(question));
        var transcript = await Emulator.SingleTranscriptAsync("#transcript-text");

        stream.Deltas.Count().ShouldBe(40);
        stream.Text.ShouldBe(transcript.GetProperty("text").GetString());
        stream.Text.ShouldBe(transcript.GetProperty("sentText").GetString());
        stream.Text.ShouldStartWith("You asked: \"Tell me about long-running pirate stories #transcript-text\".");
        transcript.GetProperty("outcome").GetString().ShouldBe("completed");
        transcript.GetProperty("stopReason").GetString().ShouldBe("end_turn");
    }

    [Fact]
    public async Task ConverseStream_TranscriptRecordsTheModelsOwnTimeToFirstToken()
    {
        await Emulator.StreamAsync(ConverseBody.User("Paced answer [[tokens:3]] [[ttft:120]] #transcript-ttft"));
        var transcript = await Emulator.SingleTranscriptAsync("#transcript-ttft");

        // Paced from the accepted request: never before the marker's time, and not much after it on an idle emulator.
        var firstTokenMs = transcript.GetProperty("firstTokenMs").GetDouble();
        firstTokenMs.ShouldBeGreaterThanOrEqualTo(119);
        firstTokenMs.ShouldBeLessThan(2_000);
    }

    [Fact]
    public async Task ConverseStream_HttpErrorBeforeAnyToken_HasNoFirstTokenTime()
    {
        using var response = await Emulator.ConverseStreamAsync(ConverseBody.User("Hello [[fault:429]] #transcript-no-token"));
        response.StatusCode.ShouldBe((HttpStatusCode)429);

        var transcript = await Emulator.SingleTranscriptAsync("#transcript-no-token");
        // The emulator leaves null fields out of its JSON.
        transcript.TryGetProperty("firstTokenMs", out _).ShouldBeFalse();
        transcript.GetProperty("outcome").GetString().ShouldBe("httpError");
    }

    [Theory]
    [InlineData("us.anthropic.claude-3-5-sonnet-20240620-v1:0")]
    [InlineData("eu.anthropic.claude-3-7-sonnet-20250219-v1:0")]
    [InlineData("apac.anthropic.claude-3-haiku-20240307-v1:0")]
    [InlineData("anthropic.claude-3-5-sonnet-20241022-v2:0")]
    public async Task ConverseStream_AcceptsClaudeIdsAndInferenceProfiles_UrlEncoded(string modelId)
    {
        var stream = await Emulator.StreamAsync(ConverseBody.User("Hello [[tokens:3]]"), modelId);

        stream.Deltas.Count().ShouldBe(3);
    }

    [Theory]
    [InlineData("anthropic.claude-nonsense v1")]
    [InlineData("meta.llama3-8b-instruct-v1:0")]
    [InlineData("amazon.titan-embed-text-v2:0")]
    public async Task ConverseStream_WithAModelItDoesNotServe_Answers400ValidationException(string modelId)
    {
        using var response = await Emulator.ConverseStreamAsync(ConverseBody.User("Hello"), modelId);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.GetValues("x-amzn-ErrorType").Single().ShouldBe("ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/");
        response.Headers.Contains("x-amzn-RequestId").ShouldBeTrue();
        if (modelId.StartsWith("amazon.titan", StringComparison.Ordinal))
        {
            (await response.Content.ReadAsStringAsync()).ShouldContain("doesn't support the model");
        }
        else
        {
            (await response.Content.ReadAsStringAsync()).ShouldBe("""{"message":"The provided model identifier is invalid."}""");
        }
    }

    [Fact]
    public async Task ConverseStream_WithoutAnAuthorizationHeader_Answers403AccessDenied()
    {
        using var client = new HttpClient { BaseAddress = Emulator.BaseAddress };

        using var response = await client.PostAsync(
            RunningEmulator.ModelPath(RunningEmulator.SonnetProfile, "converse-stream"),
            new StringContent(ConverseBody.User("Hello")));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Headers.GetValues("x-amzn-ErrorType").Single().ShouldStartWith("AccessDeniedException:");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"messages":[{"role":"assistant","content":[{"text":"hi"}]}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":[{"text":"a"}]},{"role":"user","content":[{"text":"b"}]}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":[]}]}""")]
    [InlineData("""{"messages":[{"role":"robot","content":[{"text":"hi"}]}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":[{"text":"hi"}]}],"inferenceConfig":{"maxTokens":0}}""")]
    [InlineData("""{"messages":[{"role":"user","content":[{"text":"hi"}]}],"inferenceConfig":{"temperature":1.5}}""")]
    [InlineData("""{"messages":[{"role":"user","content":[{"text":"hi [[fault:typo]]"}]}]}""")]
    public async Task ConverseStream_WithAMalformedRequest_Answers400ValidationException(string body)
    {
        using var response = await Emulator.ConverseStreamAsync(body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.GetValues("x-amzn-ErrorType").Single().ShouldStartWith("ValidationException:");
        (await response.Content.ReadAsStringAsync()).ShouldStartWith("{\"message\":\"");
    }

    [Fact]
    public async Task ConverseStream_StopsAtMaxTokens_WithStopReasonMaxTokens()
    {
        var stream = await Emulator.StreamAsync(ConverseBody.User("A long answer please [[tokens:50]]", maxTokens: 12));

        stream.Deltas.Count().ShouldBe(12);
        stream.Events.Single(e => e.EventType == "messageStop").Payload.GetProperty("stopReason").GetString().ShouldBe("max_tokens");
        stream.Events.Single(e => e.EventType == "metadata").Payload.GetProperty("usage").GetProperty("outputTokens").GetInt32().ShouldBe(12);
    }

    [Fact]
    public async Task ConverseStream_StopsBeforeAStopSequence_WithStopReasonStopSequence()
    {
        var stream = await Emulator.StreamAsync(ConverseBody.User("Stop early please [[tokens:30]]", stopSequences: ["early"]));

        stream.Text.ShouldBe("You asked: \"Stop ");
        stream.Events.Single(e => e.EventType == "messageStop").Payload.GetProperty("stopReason").GetString().ShouldBe("stop_sequence");
    }

    [Fact]
    public async Task ConverseStream_AfterAnAssistantPrefill_StreamsExactlyTheRemainderOfTheAnswer()
    {
        var question = "Recommend a sports manga [[tokens:60]] #prefill-" + Guid.NewGuid();
        var full = (await Emulator.StreamAsync(ConverseBody.User(question))).Text;
        var prefill = full[..(full.Length / 2)].TrimEnd();

        var continuation = await Emulator.StreamAsync(ConverseBody.User(question, prefill: prefill));

        continuation.Text.ShouldNotBeEmpty();
        (prefill + continuation.Text).ShouldBe(full);
        continuation.Events.Single(e => e.EventType == "messageStop").Payload.GetProperty("stopReason").GetString().ShouldBe("end_turn");
    }

    [Fact]
    public async Task ConverseStream_WithAPrefillEndingInWhitespace_Answers400LikeClaudeOnBedrock()
    {
        using var response = await Emulator.ConverseStreamAsync(ConverseBody.User("Hello", prefill: "You asked "));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("final assistant content cannot end with trailing whitespace");
    }

    [Fact]
    public async Task Converse_ReturnsTheSameAnswerAsTheStream_InOneJsonResponse()
    {
        var body = ConverseBody.User("Same answer both ways [[tokens:25]]");
        var streamed = await Emulator.StreamAsync(body);

        using var response = await Emulator.ConverseAsync(body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var message = json.GetProperty("output").GetProperty("message");
        message.GetProperty("role").GetString().ShouldBe("assistant");
        message.GetProperty("content")[0].GetProperty("text").GetString().ShouldBe(streamed.Text);
        json.GetProperty("stopReason").GetString().ShouldBe("end_turn");
        json.GetProperty("usage").GetProperty("outputTokens").GetInt32().ShouldBe(25);
        json.GetProperty("metrics").GetProperty("latencyMs").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
    }
}
