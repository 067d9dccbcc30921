using System.Collections.Concurrent;
using System.Globalization;

namespace MangaAssist.Emulators.ApiGateway.Diagnostics;

/// <summary>Counters a test or a person can read at <c>GET /_emulator/stats</c>; lock-free on the hot path.</summary>
internal sealed class GatewayStats
{
    private enum Counter
    {
        ConnectionsOpened,
        ConnectionsClosed,
        ConnectionsRejected,
        MessagesReceived,
        MessagesTooBig,
        MessagesSent,
        BytesSent,
        LargestMessageSent,
        FramesSent,
        Count,
    }

    private readonly long[] _counters = new long[(int)Counter.Count];
    private readonly ConcurrentDictionary<(string Route, string Status), long> _integrationCalls = new();
    private readonly ConcurrentDictionary<int, long> _postToConnection = new();

    public void ConnectionOpened() => Increment(Counter.ConnectionsOpened);

    public void ConnectionClosed() => Increment(Counter.ConnectionsClosed);

    public void ConnectionRejected() => Increment(Counter.ConnectionsRejected);

    public void MessageReceived() => Increment(Counter.MessagesReceived);

    public void MessageTooBig() => Increment(Counter.MessagesTooBig);

    public void IntegrationCall(string route, string status) =>
        _integrationCalls.AddOrUpdate((route, status), 1, static (_, count) => count + 1);

    public void PostToConnection(int status) =>
        _postToConnection.AddOrUpdate(status, 1, static (_, count) => count + 1);

    public void MessageSent(int bytes, int frames)
    {
        Increment(Counter.MessagesSent);
        Interlocked.Add(ref _counters[(int)Counter.BytesSent], bytes);
        Interlocked.Add(ref _counters[(int)Counter.FramesSent], frames);
        ref var largest = ref _counters[(int)Counter.LargestMessageSent];
        var seen = Interlocked.Read(ref largest);
        while (bytes > seen)
        {
            var previous = Interlocked.CompareExchange(ref largest, bytes, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }
    }

    public StatsSnapshot Snapshot(int connectionsActive) => new(
        Read(Counter.ConnectionsOpened),
        Read(Counter.ConnectionsClosed),
        connectionsActive,
        Read(Counter.ConnectionsRejected),
        Read(Counter.MessagesReceived),
        Read(Counter.MessagesTooBig),
        _integrationCalls
            .GroupBy(pair => pair.Key.Route, StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => group.ToDictionary(pair => pair.Key.Status, pair => pair.Value, StringComparer.Ordinal),
                StringComparer.Ordinal),
        _postToConnection.ToDictionary(pair => pair.Key.ToString(CultureInfo.InvariantCulture), pair => pair.Value, StringComparer.Ordinal),
        Read(Counter.MessagesSent),
        Read(Counter.BytesSent),
        Read(Counter.LargestMessageSent),
        Read(Counter.FramesSent));

    /// <summary>Zeroes every counter; the active connection count is not a counter and is unaffected.</summary>
    public void Reset()
    {
        _integrationCalls.Clear();
        _postToConnection.Clear();
        for (var index = 0; index < _counters.Length; index++)
        {
            Interlocked.Exchange(ref _counters[index], 0);
        }
    }

    private void Increment(Counter counter) => Interlocked.Increment(ref _counters[(int)counter]);

    private long Read(Counter counter) => Interlocked.Read(ref _counters[(int)counter]);
}
