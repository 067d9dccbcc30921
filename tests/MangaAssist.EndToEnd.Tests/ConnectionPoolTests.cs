using System.Diagnostics.Metrics;
using MangaAssist.EndToEnd.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>One pooled keep-alive client per upstream: a second burst reuses the first burst's connections.</summary>
public sealed class ConnectionPoolTests
{
    [Fact]
    public async Task SecondBurstOfChats_ReusesThePooledConnectionsToBedrockAndConnectionsApi()
    {
        await using var stack = await EdgeStack.StartAsync();
        using var bedrockConnections = new AcceptedConnections(stack.BedrockUrl.Port);
        using var gatewayConnections = new AcceptedConnections(stack.GatewayUrl.Port);
        var sockets = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => stack.ConnectAsync($"shopper-{i}")));
        try
        {
            await BurstAsync(sockets, "first");
            var bedrockAfterFirst = bedrockConnections.Count;
            var gatewayAfterFirst = gatewayConnections.Count;
            var postsBefore = (await stack.GatewayStatsAsync()).PostToConnection.Values.Sum();

            await BurstAsync(sockets, "second");

            // 20 concurrent streams need about 20 connections once; the second burst finds them
            // in the pool (a few more may open when the bursts overlap differently).
            bedrockAfterFirst.ShouldBeInRange(1, 20);
            (bedrockConnections.Count - bedrockAfterFirst).ShouldBeLessThanOrEqualTo(4);
            var posts = (await stack.GatewayStatsAsync()).PostToConnection.Values.Sum() - postsBefore;
            posts.ShouldBeGreaterThan(40);

            // A request posts its frames one after another, so the second burst never needs more than one new
            // connection per stream; without the pool every post would open one. (A bound tied to the post count
            // instead broke when the 50 ms flush interval cut the posts, while reuse was unchanged.)
            ((long)(gatewayConnections.Count - gatewayAfterFirst)).ShouldBeLessThanOrEqualTo(sockets.Length);
            ((long)(gatewayConnections.Count - gatewayAfterFirst)).ShouldBeLessThan(posts / 2);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    private static async Task BurstAsync(ChatSocket[] sockets, string name)
    {
        await Task.WhenAll(sockets.Select((s, i) => s.AskAsync($"{name}-{i}", $"Burst {name} {i}")));
        foreach (var answer in await Task.WhenAll(sockets.Select((s, i) => s.ReadAnswerAsync($"{name}-{i}"))))
        {
            answer.ShouldKeepTheProtocolPromises().Terminal.Type.ShouldBe("done");
        }
    }

    /// <summary>Counts TCP connections Kestrel accepts on one port, from its own metrics.</summary>
    private sealed class AcceptedConnections : IDisposable
    {
        private readonly MeterListener _listener = new();
        private int _count;

        public AcceptedConnections(int port)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Microsoft.AspNetCore.Server.Kestrel" && instrument.Name == "kestrel.active_connections")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                if (value > 0 && IsPort(tags, port))
                {
                    Interlocked.Add(ref _count, (int)value);
                }
            });
            _listener.Start();
        }

        public int Count => Volatile.Read(ref _count);

        public void Dispose() => _listener.Dispose();

        private static bool IsPort(ReadOnlySpan<KeyValuePair<string, object?>> tags, int port)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "server.port" && Convert.ToInt32(tag.Value, System.Globalization.CultureInfo.InvariantCulture) == port)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
