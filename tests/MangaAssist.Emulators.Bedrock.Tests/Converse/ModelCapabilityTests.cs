using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Emulators.Bedrock.Tests.Support;

namespace MangaAssist.Emulators.Bedrock.Tests.Converse;

/// <summary>The emulator plays each model as the capability table describes it: prefill, prompt caching, guardrails.</summary>
public sealed class ModelCapabilityTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string NoPrefillModel = "anthropic.claude-sonnet-4-6";
    private const string CachingModel = "anthropic.claude-3-5-haiku-20241022-v1:0";

    private RunningEmulator Emulator => fixture.Emulator;

    [Fact]
    public async Task Models_ListsTheServedModelsWithTheirCapabilities()
    {
        var models = (await Emulator.GetJsonAsync("/_emulator/models")).GetProperty("models").EnumerateArray()
            .ToDictionary(m => m.GetProperty("modelId").GetString()!, m => m.GetProperty("capabilities"));

        models[NoPrefillModel].GetProperty("assistantPrefill").GetBoolean().ShouldBeFalse();
        models["anthropic.claude-3-haiku-20240307-v1:0"].GetProperty("assistantPrefill").GetBoolean().ShouldBeTrue();
        models[CachingModel].GetProperty("promptCaching").GetBoolean().ShouldBeTrue();
        models[CachingModel].GetProperty("minCacheTokens").GetInt32().ShouldBe(2048);
        models["anthropic.claude-opus-4-6-v1"].GetProperty("maxOutputTokens").GetInt32().ShouldBe(128000);
    }

    [Theory]
    [InlineData(NoPrefillModel)]
    [InlineData("global.anthropic.claude-sonnet-4-6")]
    [InlineData("jp.anthropic.claude-sonnet-4-6")]
    public async Task ConverseStream_PrefillOnAModelThatRefusesIt_Is400ValidationException(string model)
    {
        using var response = await Emulator.ConverseStreamAsync(ConverseBody.User("Recommend a series", prefill: "Try"), model);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.GetValues("x-amzn-ErrorType").Single().ShouldStartWith("ValidationException");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("message").GetString().ShouldBe("This model does not support assistant message prefill. The conversation must end with a user message.");
    }

    [Fact]
    public async Task ConverseStream_ContinuationAskedInWords_RepeatsTheQuoteThenGoesOnWithItsOwnAnswer()
    {
        const string question = "Tell me about pacing [[tokens:30]] #quoted";
        var full = AnswerComposer.ComposeFullText(NoPrefillModel, "", question, 30);
        var partial = full[..(full.Length / 2)].TrimEnd();
        var quote = partial[^20..];
        var body = Conversation(("user", question), ("assistant", partial), ("user", $"You were cut off after «{quote}». Repeat «{quote}», then continue."));

        var stream = await Emulator.StreamAsync(body.ToJsonString(), NoPrefillModel);

        stream.Text.ShouldStartWith(quote);
        (partial + stream.Text[quote.Length..]).ShouldBe(full);
        (await Emulator.SingleTranscriptAsync("#quoted")).GetProperty("text").GetString().ShouldBe(full);
    }

    [Fact]
    public async Task ConverseStream_FollowUpWhosePassagesContainTheEndOfTheLastAnswer_IsAnsweredAsANewQuestion()
    {
        const string first = "Tell me about pacing [[tokens:12]]";
        var previous = AnswerComposer.ComposeFullText(NoPrefillModel, "", first, 12);
        var followUp = $"<passage>{previous[^30..]}</passage>\n\nAnd the art? [[tokens:5]] #follow-up";
        var body = Conversation(("user", first), ("assistant", previous), ("user", followUp));

        var stream = await Emulator.StreamAsync(body.ToJsonString(), NoPrefillModel);

        stream.Text.ShouldBe(AnswerComposer.ComposeFullText(NoPrefillModel, "", followUp, 5));
    }

    [Fact]
    public async Task ConverseStream_FollowUpWithTwoPassagesEndingLikeTheLastAnswer_IsAnsweredAsANewQuestion()
    {
        // Found by the load tool: an answer cut at its token limit ended inside the synopsis it quoted, and the next
        // question retrieved two products whose synopses share that phrase. The quote was there twice, but in passages.
        const string first = "Tell me about pacing [[tokens:12]]";
        var previous = AnswerComposer.ComposeFullText(NoPrefillModel, "", first, 12);
        var shared = previous[^12..];
        var followUp = $"<passage index=\"1\">A village where {shared} again.</passage>\n<passage index=\"2\">Later, {shared} once more.</passage>\n\nAnd the art? [[tokens:5]] #two-passages";
        var body = Conversation(("user", first), ("assistant", previous), ("user", followUp));

        var stream = await Emulator.StreamAsync(body.ToJsonString(), NoPrefillModel);

        stream.Text.ShouldBe(AnswerComposer.ComposeFullText(NoPrefillModel, "", followUp, 5));
        (await Emulator.SingleTranscriptAsync("#two-passages")).GetProperty("text").GetString().ShouldBe(stream.Text);
    }

    [Fact]
    public async Task ConverseStream_RepeatedCachedPrefix_IsWrittenOnceThenRead()
    {
        var system = string.Join(' ', Enumerable.Repeat("Manga shop rules.", 800));
        JsonObject Body(string question)
        {
            var body = Conversation(("user", question + " [[tokens:5]]"));
            body["system"] = new JsonArray { new JsonObject { ["text"] = system }, new JsonObject { ["cachePoint"] = new JsonObject { ["type"] = "default" } } };
            return body;
        }

        var first = (await Emulator.StreamAsync(Body("First question #cache-1").ToJsonString(), CachingModel)).Events[^1].Payload.GetProperty("usage");
        var second = (await Emulator.StreamAsync(Body("Second question #cache-2").ToJsonString(), CachingModel)).Events[^1].Payload.GetProperty("usage");

        first.GetProperty("cacheWriteInputTokens").GetInt32().ShouldBeGreaterThanOrEqualTo(2048);
        first.GetProperty("cacheReadInputTokens").GetInt32().ShouldBe(0);
        second.GetProperty("cacheReadInputTokens").GetInt32().ShouldBe(first.GetProperty("cacheWriteInputTokens").GetInt32());
        second.GetProperty("cacheWriteInputTokens").GetInt32().ShouldBe(0);
        second.GetProperty("inputTokens").GetInt32().ShouldBeLessThan(first.GetProperty("cacheWriteInputTokens").GetInt32());
    }

    [Fact]
    public async Task ConverseStream_PrefixBelowTheModelsMinimum_IsNotCached()
    {
        var body = Conversation(("user", "Short prompt [[tokens:3]] #cache-short"));
        body["system"] = new JsonArray { new JsonObject { ["text"] = "Be brief." }, new JsonObject { ["cachePoint"] = new JsonObject { ["type"] = "default" } } };

        var usage = (await Emulator.StreamAsync(body.ToJsonString(), CachingModel)).Events[^1].Payload.GetProperty("usage");

        usage.TryGetProperty("cacheWriteInputTokens", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task ConverseStream_GuardrailMarkerWithAGuardrail_StopsWithTheBlockedMessageAndGuardrailIntervened()
    {
        var body = Conversation(("user", "Something off-topic [[tokens:20]] [[guardrail:4]] #guard"));
        body["guardrailConfig"] = new JsonObject { ["guardrailIdentifier"] = "gr-1", ["guardrailVersion"] = "1", ["streamProcessingMode"] = "async" };

        var stream = await Emulator.StreamAsync(body.ToJsonString(), NoPrefillModel);

        stream.Events.Select(e => e.EventType).ShouldBe(["messageStart", .. Enumerable.Repeat("contentBlockDelta", 5), "contentBlockStop", "messageStop", "metadata"]);
        stream.Deltas.Last().ShouldBe("Sorry, the model cannot answer this question.");
        stream.Events[^2].Payload.GetProperty("stopReason").GetString().ShouldBe("guardrail_intervened");
    }

    [Fact]
    public async Task ConverseStream_GuardrailMarkerWithoutAGuardrail_AnswersInFull()
    {
        var stream = await Emulator.StreamAsync(Conversation(("user", "Something [[tokens:6]] [[guardrail:2]] #noguard")).ToJsonString(), NoPrefillModel);

        stream.Deltas.Count().ShouldBe(6);
        stream.Events[^2].Payload.GetProperty("stopReason").GetString().ShouldBe("end_turn");
    }

    private static JsonObject Conversation(params (string Role, string Text)[] turns) => new()
    {
        ["messages"] = new JsonArray([.. turns.Select(t => (JsonNode)new JsonObject
        {
            ["role"] = t.Role,
            ["content"] = new JsonArray { new JsonObject { ["text"] = t.Text } },
        })]),
    };
}
