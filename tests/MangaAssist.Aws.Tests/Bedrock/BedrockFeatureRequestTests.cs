using System.Text.Json;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Aws.Bedrock.Models;
using MangaAssist.Aws.EventStreams;
using MangaAssist.Aws.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.Bedrock;

/// <summary>The Converse members beyond plain text: cache points, guarded content, guardrail, latency mode, service tier, cache usage.</summary>
public sealed class BedrockFeatureRequestTests
{
    [Fact]
    public async Task Streaming_WritesCachePointsGuardContentAndTheRouteExtras()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.System, [new TextContent("You are MangaAssist."), CachePointContent.Default]),
            new(ChatRole.User, [new TextContent("<passage>…</passage>\n"), CachePointContent.Default, BedrockRequestExtras.Guarded("おすすめは？")]),
        ];
        var options = new ChatOptions
        {
            AdditionalProperties = new()
            {
                [BedrockRequestExtras.Guardrail] = new BedrockGuardrail("gr-1", "3", "async"),
                [BedrockRequestExtras.Latency] = "optimized",
                [BedrockRequestExtras.ServiceTier] = "priority",
            },
        };

        var received = await SendStreamingAsync(messages, options);

        var body = JsonDocument.Parse(received.Body).RootElement;
        var system = body.GetProperty("system");
        system[0].GetProperty("text").GetString().ShouldBe("You are MangaAssist.");
        system[1].GetProperty("cachePoint").GetProperty("type").GetString().ShouldBe("default");
        var content = body.GetProperty("messages")[0].GetProperty("content");
        content[0].GetProperty("text").GetString().ShouldBe("<passage>…</passage>\n");
        content[1].GetProperty("cachePoint").GetProperty("type").GetString().ShouldBe("default");
        content[2].GetProperty("guardContent").GetProperty("text").GetProperty("text").GetString().ShouldBe("おすすめは？");
        var guardrail = body.GetProperty("guardrailConfig");
        guardrail.GetProperty("guardrailIdentifier").GetString().ShouldBe("gr-1");
        guardrail.GetProperty("guardrailVersion").GetString().ShouldBe("3");
        guardrail.GetProperty("streamProcessingMode").GetString().ShouldBe("async");
        body.GetProperty("performanceConfig").GetProperty("latency").GetString().ShouldBe("optimized");
        body.GetProperty("serviceTier").GetProperty("type").GetString().ShouldBe("priority");
    }

    [Fact]
    public async Task Streaming_SendsTextAsUtf8_NotAsEscapes()
    {
        // Japanese passages written as \uXXXX doubled the body that SigV4 then hashed; JSON needs only quotes,
        // backslashes and control characters escaped.
        const string question = "「進撃の巨人」の作者は？ <b>\"quoted\"</b> & tab\t";

        var received = await SendStreamingAsync([new ChatMessage(ChatRole.User, question)]);

        var raw = System.Text.Encoding.UTF8.GetString(received.Body);
        raw.ShouldContain("「進撃の巨人」の作者は？ <b>");
        raw.ShouldContain("\\\"quoted\\\"");
        raw.ShouldContain("\\t");
        raw.ShouldNotContain("\\u");
        JsonDocument.Parse(received.Body).RootElement.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("text").GetString().ShouldBe(question);
    }

    [Fact]
    public async Task Streaming_PacesItsReadsByTheCallersPacing_WhichIsNotPartOfTheBody()
    {
        var pacing = new RecordingPacing();
        var options = new ChatOptions { AdditionalProperties = new() { [BedrockRequestExtras.ReadPacing] = pacing } };

        var received = await SendStreamingAsync([new ChatMessage(ChatRole.User, "hi")], options);

        pacing.Started.ShouldBe(1);
        pacing.Reads.ShouldBeGreaterThan(0);
        pacing.Disposed.ShouldBe(1);
        var raw = System.Text.Encoding.UTF8.GetString(received.Body);
        raw.ShouldNotContain("mangaassist");
        raw.ShouldNotContain(nameof(RecordingPacing));
    }

    [Fact]
    public async Task Streaming_ReadsTheEndAfterMessageStopWithoutPacing()
    {
        // A pacer that would hold every read once the stop reason is out: the stream must still end.
        var pacing = new RecordingPacing();
        var options = new ChatOptions { AdditionalProperties = new() { [BedrockRequestExtras.ReadPacing] = pacing } };
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await BedrockWire.WriteStreamAsync(context, [.. BedrockWire.Answer("ok")[..^1]]);
            await Task.Delay(100);
            await context.Response.Body.WriteAsync(BedrockWire.Metadata(12, 1));
        });
        using var client = Clients.Bedrock(server);
        var updates = new List<ChatResponseUpdate>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], options, patience.Token))
        {
            updates.Add(update);
            pacing.HoldReads |= update.FinishReason is not null;
        }

        updates.ShouldContain(u => u.FinishReason == ChatFinishReason.Stop);
        updates[^1].Contents.OfType<UsageContent>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task NonStreaming_GuardrailConfigHasNoStreamProcessingMode()
    {
        RecordedRequest? received = null;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            received = await RecordedRequest.CaptureAsync(context);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"output":{"message":{"role":"assistant","content":[{"text":"ok"}]}},"stopReason":"end_turn","usage":{"inputTokens":1,"outputTokens":1}}""");
        });
        using var client = Clients.Bedrock(server);
        var options = new ChatOptions { AdditionalProperties = new() { [BedrockRequestExtras.Guardrail] = new BedrockGuardrail("gr-1", "DRAFT") } };

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], options);

        JsonDocument.Parse(received!.Body).RootElement.GetProperty("guardrailConfig").TryGetProperty("streamProcessingMode", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Streaming_ReadsCacheReadAndWriteTokens()
    {
        await using var server = await LoopbackServer.StartAsync(context => BedrockWire.WriteStreamAsync(context,
        [
            BedrockWire.MessageStart(),
            BedrockWire.Delta("ok"),
            BedrockWire.BlockStop(),
            BedrockWire.MessageStop("end_turn"),
            BedrockWire.Event("metadata", new { usage = new { inputTokens = 12, outputTokens = 3, cacheReadInputTokens = 2048, cacheWriteInputTokens = 512, totalTokens = 2575 } }),
        ]));
        using var client = Clients.Bedrock(server);

        var updates = await BedrockChatClientStreamingTests.ToListAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details;
        usage.InputTokenCount.ShouldBe(12);
        usage.CachedInputTokenCount.ShouldBe(2048);
        BedrockUsage.CacheWriteTokens(usage).ShouldBe(512);
    }

    [Theory]
    [InlineData("anthropic.claude-sonnet-4-6", false)]
    [InlineData("global.anthropic.claude-sonnet-4-6", false)]
    [InlineData("jp.anthropic.claude-opus-4-6-v1", false)]
    [InlineData("apac.anthropic.claude-sonnet-4-5-20250929-v1:0", true)]
    [InlineData("anthropic.claude-3-haiku-20240307-v1:0", true)]
    [InlineData("some.unknown-model", true)]
    public void ModelTable_ReadsThroughInferenceProfiles(string modelId, bool prefill) =>
        new BedrockModelsOptions().For(modelId).AssistantPrefill.ShouldBe(prefill);

    [Fact]
    public void ModelTable_ShippedPricesAndAnUnknownModelPricedAtNothing()
    {
        var table = new BedrockModelsOptions();

        table.For("us.anthropic.claude-3-5-haiku-20241022-v1:0").CacheReadPerMillion.ShouldBe(0.08m);
        table.For("anthropic.claude-haiku-4-5-20251001-v1:0").MinCacheTokens.ShouldBe(4096);
        table.For("some.unknown-model").InputPerMillion.ShouldBe(0m);
        InferenceProfiles.BaseModelId("jp.anthropic.claude-sonnet-4-6").ShouldBe("anthropic.claude-sonnet-4-6");
        InferenceProfiles.IsProfile("anthropic.claude-sonnet-4-6").ShouldBeFalse();
    }

    /// <summary>Streams one call to a loopback Bedrock that answers "ok", and returns the request it received.</summary>
    private static async Task<RecordedRequest> SendStreamingAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        RecordedRequest? received = null;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            received = await RecordedRequest.CaptureAsync(context);
            await BedrockWire.WriteStreamAsync(context, BedrockWire.Answer("ok"));
        });
        using var client = Clients.Bedrock(server);
        await BedrockChatClientStreamingTests.ToListAsync(client.GetStreamingResponseAsync(messages, options));
        return received!;
    }

    private sealed class RecordingPacing : IStreamReadPacing, IStreamReadPacer
    {
        public int Started { get; private set; }

        public int Reads { get; private set; }

        public int Disposed { get; private set; }

        public IStreamReadPacer StartStream()
        {
            Started++;
            return this;
        }

        /// <summary>From now on a read waits until the call is cancelled.</summary>
        public bool HoldReads { get; set; }

        public ValueTask BeforeReadAsync(CancellationToken cancellationToken)
        {
            Reads++;
            return HoldReads ? new ValueTask(Task.Delay(Timeout.Infinite, cancellationToken)) : ValueTask.CompletedTask;
        }

        public void Dispose() => Disposed++;
    }
}
