using MangaAssist.SharedState.Redis;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Shoppers;

/// <summary>Announcements on the channel <c>{prefix}forget</c>; the message is the owner id, nothing else.</summary>
internal sealed class RedisForgetAnnouncements(RedisGateway redis) : IForgetAnnouncements
{
    private RedisChannel Channel => new(redis.KeyPrefix + "forget", RedisChannel.PatternMode.Literal);

    public Task AnnounceAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        if (!ShopperKeys.IsValidOwnerId(ownerId))
        {
            throw new ArgumentException("Not a principal id.", nameof(ownerId));
        }

        return redis.RunAsync("shopper.forget.announce", db => db.PublishAsync(Channel, ownerId), cancellationToken);
    }

    public Task ListenAsync(Action<string> onForget, CancellationToken cancellationToken = default) =>
        redis.SubscribeAsync(Channel, (_, message) =>
        {
            var ownerId = message.ToString();
            if (ShopperKeys.IsValidOwnerId(ownerId))
            {
                onForget(ownerId);
            }
        }, cancellationToken);
}
