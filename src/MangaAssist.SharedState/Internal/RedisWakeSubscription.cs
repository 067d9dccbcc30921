using MangaAssist.SharedState.Redis;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Internal;

/// <summary>
/// A pub/sub subscription used only as a wake-up: the reader re-reads Redis from its cursor on every
/// notification and also every poll interval, so a lost notification (pub/sub is at-most-once) only delays.
/// </summary>
internal sealed class RedisWakeSubscription : IDisposable
{
    private readonly RedisGateway _gateway;
    private readonly RedisChannel _channel;
    private readonly ChangeSignal _signal = new();
    private readonly Action<RedisChannel, RedisValue> _handler;

    private RedisWakeSubscription(RedisGateway gateway, RedisChannel channel)
    {
        _gateway = gateway;
        _channel = channel;
        _handler = (_, _) => _signal.Pulse();
    }

    /// <summary>Subscribes and returns once Redis confirmed the subscription, so later publishes are seen.</summary>
    public static async Task<RedisWakeSubscription> SubscribeAsync(RedisGateway gateway, string channel, CancellationToken cancellationToken)
    {
        var subscription = new RedisWakeSubscription(gateway, new RedisChannel(channel, RedisChannel.PatternMode.Literal));
        await gateway.SubscribeAsync(subscription._channel, subscription._handler, cancellationToken);
        return subscription;
    }

    /// <summary>Taken before a read; completes on the next notification.</summary>
    public Task NextNotification => _signal.NextChange;

    public void Dispose() => _gateway.Unsubscribe(_channel, _handler);
}
