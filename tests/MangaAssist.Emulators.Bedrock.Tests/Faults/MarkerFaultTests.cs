using System.Net;
using MangaAssist.Emulators.Bedrock.Tests.Support;

namespace MangaAssist.Emulators.Bedrock.Tests.Faults;

public sealed class MarkerFaultTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private RunningEmulator Emulator => fixture.Emulator;

    [Theory]
    [InlineData("503", 503, "ServiceUnavailableException", "Too many connections, please wait before trying again.")]
    [InlineData("429", 429, "ThrottlingException", "Too many requests, please wait before trying again.")]
    [InlineData("500", 500, "InternalServerException", null)]
    [InlineData("408", 408, "ModelTimeoutException", null)]
    [InlineData("424", 424, "ModelErrorException", null)]
    [InlineData("model-not-ready", 429, "ModelNotReadyException", null)]
    [InlineData("quota", 400, "ServiceQuotaExceededException", null)]
    [InlineData("400", 400, "ValidationException", null)]
    [InlineData("403", 403, "AccessDeniedException", null)]
    public async Task HttpFaultMarker_AnswersTheBedrockErrorBeforeAnyEvent(string kind, int status, string type, string? message)
    {
        foreach (var operation in new[] { "converse-stream", "converse" })
        {
            using var response = await Emulator.PostJsonAsync(
                RunningEmulator.ModelPath(RunningEmulator.SonnetProfile, operation),
                ConverseBody.User($"Hello [[fault:{kind}]]"));

            ((int)response.StatusCode).ShouldBe(status);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
            response.Headers.GetValues("x-amzn-ErrorType").Single().ShouldBe($"{type}:http://internal.amazon.com/coral/com.amazon.bedrock/");
            response.Headers.GetValues("x-amzn-RequestId").Single().ShouldNotBeNullOrWhiteSpace();
            var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var text = body.GetProperty("message").GetString();
            text.ShouldNotBeNullOrWhiteSpace();
            if (message is not null)
            {
                text.ShouldBe(message);
            }
        }
    }

    [Theory]
    [InlineData("stream-error", "modelStreamErrorException")]
    [InlineData("stream-throttle", "throttlingException")]
    [InlineData("stream-internal", "internalServerException")]
    [InlineData("stream-unavailable", "serviceUnavailableException")]
    public async Task InStreamFaultMarker_SendsNTokensThenTheExceptionEvent(string kind, string exceptionType)
    {
        var stream = await Emulator.StreamAsync(ConverseBody.User($"Tell me more [[tokens:20]] [[fault:{kind}:4]]"));

        stream.BrokenBy.ShouldBeNull();
        stream.Deltas.Count().ShouldBe(4);
        stream.Events.Select(e => e.EventType).ShouldNotContain("messageStop");
        var last = stream.Events[^1];
        last.MessageType.ShouldBe("exception");
        last.ExceptionType.ShouldBe(exceptionType);
        last.ContentType.ShouldBe("application/json");
        last.Payload.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task StreamErrorMarker_CarriesTheOriginalStatusCodeAndMessage()
    {
        var stream = await Emulator.StreamAsync(ConverseBody.User("Original fields [[fault:stream-error:2]]"));

        var payload = stream.Events[^1].Payload;
        payload.GetProperty("originalStatusCode").GetInt32().ShouldBe(500);
        payload.GetProperty("originalMessage").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task ResetMarker_DropsTheConnectionAfterExactlyNTokens()
    {
        var stream = await Emulator.StreamAsync(ConverseBody.User("Reset me [[tokens:30]] [[fault:reset:5]] #reset-n"));

        stream.BrokenBy.ShouldNotBeNull();
        stream.Deltas.Count().ShouldBe(5);
        stream.Events.Select(e => e.EventType).ShouldNotContain("contentBlockStop");
        var transcript = await Emulator.SingleTranscriptAsync("#reset-n");
        transcript.GetProperty("outcome").GetString().ShouldBe("reset");
        transcript.GetProperty("sentText").GetString().ShouldBe(stream.Text);
    }

    [Fact]
    public async Task StallMarker_StopsAfterNTokens_ThenDropsTheConnectionAfterMaxStall()
    {
        var stream = await Emulator.StreamAsync(ConverseBody.User("Stall me [[tokens:30]] [[fault:stall:3]] #stall-n"));

        stream.BrokenBy.ShouldNotBeNull();
        stream.Deltas.Count().ShouldBe(3);
        var transcript = await Emulator.SingleTranscriptAsync("#stall-n");
        transcript.GetProperty("outcome").GetString().ShouldBe("stalled");
        transcript.GetProperty("tokensSent").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task RepeatLimitedMarker_FaultsOnlyTheFirstKRequestsWithTheSameMessage()
    {
        var body = ConverseBody.User($"Retry me [[tokens:3]] [[fault:503:x2]] {Guid.NewGuid()}");

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await Emulator.ConverseAsync(body);
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK]);
    }

    [Fact]
    public async Task ResetOnce_ThenAContinuationWithWhatArrived_YieldsTheWholeAnswerWithoutDuplicates()
    {
        var question = $"Which mystery manga is best? [[tokens:40]] [[fault:reset:9:x1]] {Guid.NewGuid()}";

        var broken = await Emulator.StreamAsync(ConverseBody.User(question));
        broken.BrokenBy.ShouldNotBeNull();
        broken.Deltas.Count().ShouldBe(9);

        var prefill = broken.Text.TrimEnd();
        var resumed = await Emulator.StreamAsync(ConverseBody.User(question, prefill: prefill));

        resumed.BrokenBy.ShouldBeNull();
        var transcripts = await Emulator.TranscriptsAsync(question);
        transcripts.Length.ShouldBe(2);
        (prefill + resumed.Text).ShouldBe(transcripts[1].GetProperty("text").GetString());
        transcripts[0].GetProperty("outcome").GetString().ShouldBe("reset");
        transcripts[1].GetProperty("outcome").GetString().ShouldBe("completed");
        transcripts[1].GetProperty("prefill").GetString().ShouldBe(prefill);
    }

    [Fact]
    public async Task Converse_WithAnInStreamFaultMarker_AnswersTheMatchingHttpError()
    {
        using var response = await Emulator.ConverseAsync(ConverseBody.User("Non-streaming [[fault:stream-error:3]]"));

        ((int)response.StatusCode).ShouldBe(424);
        response.Headers.GetValues("x-amzn-ErrorType").Single().ShouldStartWith("ModelErrorException:");
    }

    [Fact]
    public async Task Converse_WithAResetMarker_DropsTheConnection()
    {
        await Should.ThrowAsync<HttpRequestException>(() => Emulator.ConverseAsync(ConverseBody.User("Non-streaming [[fault:reset:3]]")));
    }

    [Fact]
    public async Task FaultAfterMoreTokensThanTheAnswerHas_StrikesAfterTheLastToken()
    {
        var stream = await Emulator.StreamAsync(ConverseBody.User("Short [[tokens:3]] [[fault:stream-throttle:99]]"));

        stream.Deltas.Count().ShouldBe(3);
        stream.Events[^1].ExceptionType.ShouldBe("throttlingException");
    }
}
