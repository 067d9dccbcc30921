using System.Text.Json;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Aws.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.Bedrock;

public sealed class BedrockChatClientStreamingTests
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "おすすめの少年漫画は？")];

    [Fact]
    public async Task StreamingYieldsTheDeltasThenTheFinishReasonWithTheRawStopReasonThenTheUsage()
    {
        await using var server = await LoopbackServer.StartAsync(context => BedrockWire.WriteStreamAsync(context,
        [
            BedrockWire.MessageStart(),
            BedrockWire.Delta("ワン"),
            BedrockWire.Delta("ピース"),
            BedrockWire.Delta(" is a classic."),
            BedrockWire.BlockStop(),
            BedrockWire.MessageStop("max_tokens"),
            BedrockWire.Metadata(inputTokens: 812, outputTokens: 240),
        ], requestId: "7a1c-request"));
        using var client = Clients.Bedrock(server);

        var updates = await ToListAsync(client.GetStreamingResponseAsync(Question));

        updates.Count.ShouldBe(5);
        updates.Take(3).Select(u => u.Text).ShouldBe(["ワン", "ピース", " is a classic."]);
        updates.Take(3).ShouldAllBe(u => u.Contents.Single() is TextContent && u.Role == ChatRole.Assistant && u.FinishReason == null);
        updates[3].FinishReason.ShouldBe(ChatFinishReason.Length);
        updates[3].AdditionalProperties!["stopReason"].ShouldBe("max_tokens");
        var usage = updates[4].Contents.OfType<UsageContent>().Single().Details;
        usage.InputTokenCount.ShouldBe(812);
        usage.OutputTokenCount.ShouldBe(240);
        usage.TotalTokenCount.ShouldBe(1052);
        updates.ShouldAllBe(u => u.ModelId == "anthropic.claude-test-v1:0" && u.ResponseId == "7a1c-request");
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("content_filtered", "content_filter")]
    [InlineData("guardrail_intervened", "content_filter")]
    [InlineData("tool_use", "tool_calls")]
    public async Task EachBedrockStopReasonMapsToItsFinishReason(string stopReason, string finishReason)
    {
        await using var server = await LoopbackServer.StartAsync(context => BedrockWire.WriteStreamAsync(context,
            [BedrockWire.MessageStart(), BedrockWire.Delta("x"), BedrockWire.MessageStop(stopReason), BedrockWire.Metadata(1, 1)]));
        using var client = Clients.Bedrock(server);

        var updates = await ToListAsync(client.GetStreamingResponseAsync(Question));

        var finish = updates.Single(u => u.FinishReason is not null);
        finish.FinishReason!.Value.Value.ShouldBe(finishReason);
        finish.AdditionalProperties!["stopReason"].ShouldBe(stopReason);
    }

    [Fact]
    public async Task MessagesSplitAcrossArbitraryTcpChunkBoundariesDecodeCorrectly()
    {
        var deltas = Enumerable.Range(0, 40).Select(i => $"tok{i}は ").ToArray();
        var wire = BedrockWire.Answer(deltas).SelectMany(m => m).ToArray();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = BedrockWire.EventStreamContentType;
            var random = new Random(20261121);
            for (var offset = 0; offset < wire.Length;)
            {
                // 1 to 37 bytes per write, flushed, so preludes, headers and payloads straddle reads.
                var size = Math.Min(random.Next(1, 38), wire.Length - offset);
                await context.Response.Body.WriteAsync(wire.AsMemory(offset, size));
                await context.Response.Body.FlushAsync();
                offset += size;
            }
        });
        using var client = Clients.Bedrock(server);

        var updates = await ToListAsync(client.GetStreamingResponseAsync(Question));

        string.Concat(updates.Select(u => u.Text)).ShouldBe(string.Concat(deltas));
        updates.Count(u => u.FinishReason == ChatFinishReason.Stop).ShouldBe(1);
        updates.Last().Contents.OfType<UsageContent>().Single().Details.OutputTokenCount.ShouldBe(40);
    }

    [Fact]
    public async Task TheRequestGoesToConverseStreamWithTheEncodedModelIdAndTheConverseBody()
    {
        RecordedRequest? received = null;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            received = await RecordedRequest.CaptureAsync(context);
            await BedrockWire.WriteStreamAsync(context, BedrockWire.Answer("ok"));
        });
        using var client = Clients.Bedrock(server);
        var options = new ChatOptions
        {
            ModelId = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0",
            MaxOutputTokens = 4096,
            Temperature = 0.2f,
            TopP = 0.9f,
            StopSequences = ["</answer>"],
        };
        ChatMessage[] conversation =
        [
            new(ChatRole.System, "You are MangaAssist."),
            new(ChatRole.User, "Recommend a shōnen series."),
            new(ChatRole.Assistant, "One Piece, because"),
        ];

        await ToListAsync(client.GetStreamingResponseAsync(conversation, options));

        received.ShouldNotBeNull();
        received.Method.ShouldBe("POST");
        received.RawTarget.ShouldBe("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream");
        received.ContentType.ShouldBe("application/json");
        received.Headers["Authorization"].ShouldContain("/us-east-1/bedrock/aws4_request");
        using var body = JsonDocument.Parse(received.Body);
        var root = body.RootElement;
        root.GetProperty("system").EnumerateArray().Single().GetProperty("text").GetString().ShouldBe("You are MangaAssist.");
        var messages = root.GetProperty("messages").EnumerateArray().ToArray();
        messages.Length.ShouldBe(2);
        messages[0].GetProperty("role").GetString().ShouldBe("user");
        messages[0].GetProperty("content")[0].GetProperty("text").GetString().ShouldBe("Recommend a shōnen series.");
        messages[1].GetProperty("role").GetString().ShouldBe("assistant");
        messages[1].GetProperty("content")[0].GetProperty("text").GetString().ShouldBe("One Piece, because");
        var inference = root.GetProperty("inferenceConfig");
        inference.GetProperty("maxTokens").GetInt32().ShouldBe(4096);
        inference.GetProperty("temperature").GetSingle().ShouldBe(0.2f);
        inference.GetProperty("topP").GetSingle().ShouldBe(0.9f);
        inference.GetProperty("stopSequences")[0].GetString().ShouldBe("</answer>");
    }

    [Fact]
    public async Task WithoutChatOptionsTheConfiguredDefaultModelIsUsedAndNoInferenceConfigIsSent()
    {
        RecordedRequest? received = null;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            received = await RecordedRequest.CaptureAsync(context);
            await BedrockWire.WriteStreamAsync(context, BedrockWire.Answer("ok"));
        });
        using var client = Clients.Bedrock(server, defaultModel: "anthropic.claude-3-haiku-20240307-v1:0");

        var updates = await ToListAsync(client.GetStreamingResponseAsync(Question));

        received!.RawTarget.ShouldBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
        using var body = JsonDocument.Parse(received.Body);
        body.RootElement.TryGetProperty("inferenceConfig", out _).ShouldBeFalse();
        body.RootElement.TryGetProperty("system", out _).ShouldBeFalse();
        updates.ShouldAllBe(u => u.ModelId == "anthropic.claude-3-haiku-20240307-v1:0");
    }

    [Fact]
    public async Task CancellationStopsReadingAndAbortsTheUpstreamRequest()
    {
        var upstreamAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.RequestAborted.Register(() => upstreamAborted.TrySetResult());
            await BedrockWire.WriteStreamAsync(context, [BedrockWire.MessageStart(), BedrockWire.Delta("first")]);
            await upstreamAborted.Task;
        });
        using var client = Clients.Bedrock(server);
        using var cancellation = new CancellationTokenSource();
        var received = new List<string>();

        var reading = Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question, cancellationToken: cancellation.Token))
            {
                received.Add(update.Text);
                await cancellation.CancelAsync();
            }
        });

        await reading;
        received.ShouldBe(["first"]);
        await upstreamAborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AConsumerThatStopsEnumeratingEarlyReleasesTheUpstreamRequest()
    {
        var upstreamAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.RequestAborted.Register(() => upstreamAborted.TrySetResult());
            await BedrockWire.WriteStreamAsync(context, [BedrockWire.MessageStart(), BedrockWire.Delta("first"), BedrockWire.Delta("second")]);
            await upstreamAborted.Task;
        });
        using var client = Clients.Bedrock(server);

        await foreach (var update in client.GetStreamingResponseAsync(Question))
        {
            update.Text.ShouldBe("first");
            break;
        }

        await upstreamAborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        upstreamAborted.Task.IsCompletedSuccessfully.ShouldBeTrue();
    }

    internal static async Task<List<ChatResponseUpdate>> ToListAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }
}
