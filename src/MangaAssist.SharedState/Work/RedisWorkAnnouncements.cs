using MangaAssist.SharedState.Redis;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Work;

/// <summary>Announcements on the channel <c>{prefix}work:{queue}:new</c>, with an empty message.</summary>
internal sealed class RedisWorkAnnouncements(RedisGateway redis) : IWorkAnnouncements
{
    public Task AnnounceAsync(string queue, CancellationToken cancellationToken = default) =>
        redis.RunAsync("work.announce", db => db.PublishAsync(ChannelOf(queue), RedisValue.EmptyString), cancellationToken);

    public Task ListenAsync(string queue, Action onNewWork, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onNewWork);
        return redis.SubscribeAsync(ChannelOf(queue), (_, _) => onNewWork(), cancellationToken);
    }

    private RedisChannel ChannelOf(string queue) => new(redis.KeyPrefix + "work:" + queue + ":new", RedisChannel.PatternMode.Literal);
}
