using MangaAssist.SharedState.Tests.Support;
using MangaAssist.SharedState.Work;

namespace MangaAssist.SharedState.Tests.Work;

public abstract class WorkQueueContract(RedisServer? redis) : WorkContract(redis)
{
    private const string Queue = "contract";

    [Fact]
    public async Task Enqueued_IsTakenOnceAcrossInstances()
    {
        await Sut<IWorkQueue>(0).EnqueueAsync(Queue, "job-1");

        var lease = await Sut<IWorkQueue>(1).TakeAsync(Queue, "consumer-b");
        var second = await Sut<IWorkQueue>(0).TakeAsync(Queue, "consumer-a");

        lease.ShouldNotBeNull().WorkId.ShouldBe("job-1");
        lease.Reclaimed.ShouldBeFalse();
        second.ShouldBeNull();
    }

    [Fact]
    public async Task LeaseNotRenewedForTheVisibilityTimeout_IsClaimedByAnotherAndTheOldHolderLosesIt()
    {
        await Sut<IWorkQueue>(0).EnqueueAsync(Queue, "job-2");
        var first = (await Sut<IWorkQueue>(0).TakeAsync(Queue, "consumer-a")).ShouldNotBeNull();

        await AdvanceAsync(Visibility + TimeSpan.FromMilliseconds(100));
        var claimed = await Sut<IWorkQueue>(1).TakeAsync(Queue, "consumer-b");

        claimed.ShouldNotBeNull().WorkId.ShouldBe("job-2");
        claimed.Reclaimed.ShouldBeTrue();
        (await Sut<IWorkQueue>(0).RenewAsync(first)).ShouldBeFalse();
        (await Sut<IWorkQueue>(1).RenewAsync(claimed)).ShouldBeTrue();
    }

    [Fact]
    public async Task RenewedLease_IsNotClaimed()
    {
        await Sut<IWorkQueue>(0).EnqueueAsync(Queue, "job-3");
        var lease = (await Sut<IWorkQueue>(0).TakeAsync(Queue, "consumer-a")).ShouldNotBeNull();

        for (var beat = 0; beat < 3; beat++)
        {
            await AdvanceAsync(Visibility / 2);
            (await Sut<IWorkQueue>(0).RenewAsync(lease)).ShouldBeTrue();
        }

        (await Sut<IWorkQueue>(1).TakeAsync(Queue, "consumer-b")).ShouldBeNull();
    }

    [Fact]
    public async Task Completed_IsGoneForGoodAndCompletingAgainDoesNothing()
    {
        await Sut<IWorkQueue>(0).EnqueueAsync(Queue, "job-4");
        var lease = (await Sut<IWorkQueue>(0).TakeAsync(Queue, "consumer-a")).ShouldNotBeNull();

        await Sut<IWorkQueue>(0).CompleteAsync(lease);
        await Sut<IWorkQueue>(1).CompleteAsync(lease);
        await AdvanceAsync(Visibility + TimeSpan.FromMilliseconds(100));

        (await Sut<IWorkQueue>(1).TakeAsync(Queue, "consumer-b")).ShouldBeNull();
        (await Sut<IWorkQueue>(0).RenewAsync(lease)).ShouldBeFalse();
    }
}

public sealed class InMemoryWorkQueueTests() : WorkQueueContract(null);

public sealed class RedisWorkQueueTests(RedisServerFixture redis) : WorkQueueContract(redis.Server), IClassFixture<RedisServerFixture>;
