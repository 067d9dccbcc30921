using System.Net;
using System.Text.Json;
using MangaAssist.Emulators.Bedrock.EventStream;
using MangaAssist.Emulators.Bedrock.Tests.Support;

namespace MangaAssist.Emulators.Bedrock.Tests.Faults;

/// <summary>The fault kinds of issue 15 through markers: broken framing, missing end, drops before headers, refusals.</summary>
public sealed class NewFaultKindTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";

    private RunningEmulator Emulator => fixture.Emulator;

    [Fact]
    public async Task Malformed_SendsNGoodEventsThenOneWithABrokenChecksum()
    {
        using var response = await Emulator.ConverseStreamAsync(ConverseBody.User("Corrupt me [[tokens:20]] [[fault:malformed:3]] #malformed"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var decoded = new List<EventStreamMessage>();
        var offset = 0;
        EventStreamDecodeResult result;
        while ((result = EventStreamDecoder.Decode(bytes.AsSpan(offset))).Status == EventStreamDecodeStatus.Decoded)
        {
            decoded.Add(result.Message!);
            offset += result.BytesConsumed;
        }

        decoded.Count(m => EventType(m) == "contentBlockDelta").ShouldBe(3);
        result.Status.ShouldBe(EventStreamDecodeStatus.Invalid);
        result.Error.ShouldBe("Message checksum mismatch");
        decoded.Select(EventType).ShouldNotContain("messageStop");
        (await Emulator.SingleTranscriptAsync("#malformed")).GetProperty("outcome").GetString().ShouldBe("malformed");
    }

    [Fact]
    public async Task NoEnd_EndsTheBodyCleanlyWithoutTheClosingEvents()
    {
        var stream = await Emulator.StreamAsync(ConverseBody.User("Cut quietly [[tokens:20]] [[fault:no-end:4]] #no-end"));

        stream.BrokenBy.ShouldBeNull();
        stream.Deltas.Count().ShouldBe(4);
        var types = stream.Events.Select(e => e.EventType).ToArray();
        types.ShouldNotContain("contentBlockStop");
        types.ShouldNotContain("messageStop");
        types.ShouldNotContain("metadata");
        (await Emulator.SingleTranscriptAsync("#no-end")).GetProperty("outcome").GetString().ShouldBe("endedWithoutStop");
    }

    [Theory]
    [InlineData("converse-stream")]
    [InlineData("converse")]
    public async Task ResetBeforeHeaders_DropsTheConnectionWithoutAStatusLine(string operation)
    {
        await Should.ThrowAsync<HttpRequestException>(() => Emulator.PostJsonAsync(
            RunningEmulator.ModelPath(RunningEmulator.SonnetProfile, operation),
            ConverseBody.User($"Drop me [[fault:reset-before-headers]] #rbh-{operation}")));

        (await Emulator.SingleTranscriptAsync($"#rbh-{operation}")).GetProperty("outcome").GetString().ShouldBe("reset");
    }

    [Fact]
    public async Task Silent_SendsNoHeadersAndDropsTheConnectionAfterMaxStall()
    {
        // The fixture's MaxStallMs is 300: the request fails without ever seeing a status.
        await Should.ThrowAsync<HttpRequestException>(() => Emulator.ConverseStreamAsync(ConverseBody.User("Say nothing [[fault:silent]] #silent")));

        (await Emulator.SingleTranscriptAsync("#silent")).GetProperty("outcome").GetString().ShouldBe("stalled");
    }

    [Theory]
    [InlineData("converse-stream")]
    [InlineData("converse")]
    public async Task ContextTooLong_IsBedrocksValidationException(string operation)
    {
        using var response = await Emulator.PostJsonAsync(
            RunningEmulator.ModelPath(RunningEmulator.SonnetProfile, operation),
            ConverseBody.User("Too much [[fault:context-too-long]]"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.GetValues("x-amzn-ErrorType").Single().ShouldStartWith("ValidationException:");
        (await MessageAsync(response)).ShouldBe("Input is too long for requested model.");
    }

    [Fact]
    public async Task ContextLimit_RefusesOnlyInputsOverTheLimit()
    {
        var padding = string.Join(' ', Enumerable.Repeat("volume", 200));

        using var over = await Emulator.ConverseStreamAsync(ConverseBody.User($"Long history [[context-limit:100]] {padding}"));
        using var under = await Emulator.ConverseStreamAsync(ConverseBody.User("Short [[context-limit:100]]"));

        over.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await MessageAsync(over)).ShouldBe("Input is too long for requested model.");
        under.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ContentFiltered_StopsAfterNTokensWithContentFilteredAndMetadata()
    {
        var stream = await Emulator.StreamAsync(ConverseBody.User("Filter me [[tokens:20]] [[fault:content-filtered:4]]"));

        stream.BrokenBy.ShouldBeNull();
        stream.Deltas.Count().ShouldBe(4);
        stream.Events.Single(e => e.EventType == "messageStop").Payload.GetProperty("stopReason").GetString().ShouldBe("content_filtered");
        stream.Events[^1].EventType.ShouldBe("metadata");
        stream.Events[^1].Payload.GetProperty("usage").GetProperty("outputTokens").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task ContentFiltered_OnConverse_AnswersTheFirstNTokens()
    {
        using var response = await Emulator.ConverseAsync(ConverseBody.User("Filter me too [[tokens:20]] [[fault:content-filtered:3]]"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("stopReason").GetString().ShouldBe("content_filtered");
        body.GetProperty("usage").GetProperty("outputTokens").GetInt32().ShouldBe(3);
    }

    [Theory]
    [InlineData("429", 429)]
    [InlineData("503", 503)]
    public async Task RetryAfterMarker_GoesOutOn429And503(string kind, int status)
    {
        using var response = await Emulator.ConverseStreamAsync(ConverseBody.User($"Wait [[fault:{kind}]] [[retry-after:7]]"));

        ((int)response.StatusCode).ShouldBe(status);
        response.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task RetryAfterMarker_IsNotSentWithOtherErrors()
    {
        using var response = await Emulator.ConverseStreamAsync(ConverseBody.User("Wait [[fault:500]] [[retry-after:7]]"));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Headers.RetryAfter.ShouldBeNull();
    }

    [Fact]
    public async Task ModelScopedMarkers_ApplyOnlyToMatchingModels()
    {
        var body = ConverseBody.User("Which model? [[fault:503@sonnet]] [[tokens:3]]");

        using var sonnet = await Emulator.ConverseStreamAsync(body);
        using var haiku = await Emulator.ConverseStreamAsync(body, Haiku);

        sonnet.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        haiku.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ModelScopedCounts_AreKeptPerModelFilter()
    {
        var body = ConverseBody.User("Chain [[fault:503:x1@sonnet]] [[fault:429:x1@haiku]] [[tokens:3]]");

        using var sonnetFirst = await Emulator.ConverseStreamAsync(body);
        using var haikuFirst = await Emulator.ConverseStreamAsync(body, Haiku);
        using var sonnetSecond = await Emulator.ConverseStreamAsync(body);
        using var haikuSecond = await Emulator.ConverseStreamAsync(body, Haiku);

        sonnetFirst.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        haikuFirst.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        sonnetSecond.StatusCode.ShouldBe(HttpStatusCode.OK);
        haikuSecond.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static string? EventType(EventStreamMessage message) => message.Header(":event-type")?.AsString;

    private static async Task<string?> MessageAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString();
}
