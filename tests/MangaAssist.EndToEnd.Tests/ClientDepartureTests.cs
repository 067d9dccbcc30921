using MangaAssist.EndToEnd.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>Tokens nobody reads are not paid for: a departed or cancelling client stops the Bedrock stream.</summary>
public sealed class ClientDepartureTests
{
    private const string SlowLongAnswer = "[[tokens:3000]] [[tps:100]]";

    [Fact]
    public async Task ClientDroppingTheSocket_StopsTheUpstreamStream()
    {
        await using var stack = await EdgeStack.StartAsync();
        var socket = await stack.ConnectAsync();
        await socket.AskAsync("leave-1", $"Write a long essay {SlowLongAnswer}");
        await ReadDeltasAsync(socket, "leave-1", count: 3);

        socket.Abort();
        var stats = await stack.BedrockStatsWhenAsync(s => s.StreamsAbortedByClient == 1 && s.ActiveStreams == 0);

        stats.StreamsAbortedByClient.ShouldBe(1);
        stats.ActiveStreams.ShouldBe(0);
        stats.StreamsCompleted.ShouldBe(0);
        await socket.DisposeAsync();
    }

    [Fact]
    public async Task GoneFromConnectionsApi_StopsTheUpstreamStreamEvenWithoutDisconnectRoute()
    {
        // $disconnect goes nowhere, so only the 410 Gone of the next post can tell the service.
        await using var stack = await EdgeStack.StartAsync(gateway:
        [
            "--ApiGatewayEmulator:Routes:$connect=/routes/connect",
            "--ApiGatewayEmulator:Routes:$disconnect=/routes/not-mapped",
            "--ApiGatewayEmulator:Routes:sendMessage=/routes/sendMessage",
            "--ApiGatewayEmulator:Routes:$default=/routes/default",
        ]);
        var socket = await stack.ConnectAsync();
        await socket.AskAsync("gone-1", $"Write a long essay {SlowLongAnswer}");
        await ReadDeltasAsync(socket, "gone-1", count: 3);

        socket.Abort();
        var stats = await stack.BedrockStatsWhenAsync(s => s.StreamsAbortedByClient == 1 && s.ActiveStreams == 0);

        stats.StreamsAbortedByClient.ShouldBe(1);
        (await stack.GatewayStatsAsync()).PostToConnection.Keys.ShouldContain("410");
        await socket.DisposeAsync();
    }

    [Fact]
    public async Task Cancel_EndsTheAnswerWithCancelledAndStopsTheUpstreamStream()
    {
        await using var stack = await EdgeStack.StartAsync();
        await using var socket = await stack.ConnectAsync();
        await socket.AskAsync("cancel-1", $"Write a long essay {SlowLongAnswer}");
        var early = await ReadDeltasAsync(socket, "cancel-1", count: 2);

        await socket.SendAsync(new { action = "cancel", requestId = "cancel-1" });
        var rest = await socket.ReadAnswerAsync("cancel-1");

        var answer = new Answer("cancel-1", [.. early, .. rest.Frames]).ShouldKeepTheProtocolPromises();
        answer.Terminal.Code.ShouldBe("cancelled");
        answer.Terminal.Partial.ShouldBe(true);
        answer.Terminal.Retryable.ShouldBe(false);
        var stats = await stack.BedrockStatsWhenAsync(s => s.StreamsAbortedByClient == 1);
        stats.StreamsAbortedByClient.ShouldBe(1);
        stats.StreamsCompleted.ShouldBe(0);
    }

    private static async Task<List<Frame>> ReadDeltasAsync(ChatSocket socket, string requestId, int count)
    {
        var frames = new List<Frame>();
        while (frames.Count(f => f.Type == "delta") < count)
        {
            var frame = await socket.ReadFrameAsync(requestId);
            frame.IsTerminal.ShouldBeFalse(frame.Raw);
            frames.Add(frame);
        }

        return frames;
    }
}
