using MangaAssist.SharedState.Tests.Support;
using MangaAssist.SharedState.Work;

namespace MangaAssist.SharedState.Tests.Work;

public abstract class WorkAnnouncementsContract(RedisServer? redis) : WorkContract(redis)
{
    [Fact]
    public async Task Announcement_WakesTheListenersOfThatQueueOnEveryInstanceAndNoOther()
    {
        var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var other = 0;
        await Sut<IWorkAnnouncements>(1).ListenAsync("analyses", () => woken.TrySetResult());
        await Sut<IWorkAnnouncements>(1).ListenAsync("answers", () => Interlocked.Increment(ref other));

        await Sut<IWorkAnnouncements>(0).AnnounceAsync("analyses");

        await woken.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Volatile.Read(ref other).ShouldBe(0);
    }
}

public sealed class InMemoryWorkAnnouncementsTests() : WorkAnnouncementsContract(null);

public sealed class RedisWorkAnnouncementsTests(RedisServerFixture redis) : WorkAnnouncementsContract(redis.Server), IClassFixture<RedisServerFixture>;
