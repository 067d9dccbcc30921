using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Shoppers;
using MangaAssist.SharedState.Tests.Support;
using MangaAssist.SharedState.Work;

namespace MangaAssist.SharedState.Tests.Work;

/// <summary>Leases for work its receiving instance runs at once (chat answers): taken with the enqueue, claimed when stale or handed over.</summary>
public abstract class WorkLeaseContract(RedisServer? redis) : WorkContract(redis)
{
    private const string Queue = "answers-contract";

    private static WorkAttachment Ticket(string id) => new("ticket:owner-1:s-1:" + id, "{\"m\":\"question\"}"u8.ToArray(), TimeSpan.FromMinutes(1));

    [Fact]
    public async Task EnqueueAndTake_HoldsTheUnitAtOnce_AndAnotherClaimsItWithItsTicketOnlyOnceStale()
    {
        var lease = await Sut<IWorkQueue>(0).EnqueueAndTakeAsync(Queue, "owner-1:s-1:r-1", "consumer-a", Ticket("r-1"));

        (await Sut<IWorkQueue>(1).ClaimStaleAsync(Queue, "consumer-b", Visibility, 8, WorkClaims.FirstCursor)).Claimed.ShouldBeEmpty();
        (await Sut<IWorkQueue>(0).RenewAsync(lease)).ShouldBeTrue();
        await AdvanceAsync(Visibility + TimeSpan.FromMilliseconds(100));
        var claims = await Sut<IWorkQueue>(1).ClaimStaleAsync(Queue, "consumer-b", Visibility, 8, WorkClaims.FirstCursor);

        var claimed = claims.Claimed.ShouldHaveSingleItem();
        claimed.Lease.WorkId.ShouldBe("owner-1:s-1:r-1");
        claimed.Lease.Reclaimed.ShouldBeTrue();
        claimed.Lease.AttachmentKey.ShouldBe(Ticket("r-1").Key);
        claimed.Attachment.ShouldBe("{\"m\":\"question\"}"u8.ToArray());
        (await Sut<IWorkQueue>(0).RenewAsync(lease)).ShouldBeFalse();
        (await Sut<IWorkQueue>(1).RenewAsync(claimed.Lease)).ShouldBeTrue();
    }

    [Fact]
    public async Task Complete_RemovesTheUnitAndItsTicket()
    {
        var lease = await Sut<IWorkQueue>(0).EnqueueAndTakeAsync(Queue, "owner-1:s-1:r-2", "consumer-a", Ticket("r-2"));

        await Sut<IWorkQueue>(0).CompleteAsync(lease);
        await AdvanceAsync(Visibility + TimeSpan.FromMilliseconds(100));

        (await Sut<IWorkQueue>(1).ClaimStaleAsync(Queue, "consumer-b", Visibility, 8, WorkClaims.FirstCursor)).Claimed.ShouldBeEmpty();
        if (IsRedis)
        {
            var gateway = Sut<RedisGateway>(0);
            (await gateway.RunAsync("test", db => db.KeyExistsAsync(gateway.KeyPrefix + lease.AttachmentKey))).ShouldBeFalse();
        }
    }

    [Fact]
    public async Task HandOver_MakesTheUnitClaimableAtOnce_WakesPeers_AndFencesTheOldHolder()
    {
        var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = await Sut<IWorkQueue>(1).OnHandOverAsync(Queue, () => woken.TrySetResult());
        var lease = await Sut<IWorkQueue>(0).EnqueueAndTakeAsync(Queue, "owner-1:s-1:r-3", "consumer-a", Ticket("r-3"));

        (await Sut<IWorkQueue>(0).HandOverAsync(lease)).ShouldBeTrue();

        await woken.Task.WaitAsync(TimeSpan.FromSeconds(5));
        // A visibility timeout of an hour still finds it: a handed-over lease never waits for its expiry.
        var claimed = (await Sut<IWorkQueue>(1).ClaimStaleAsync(Queue, "consumer-b", TimeSpan.FromHours(1), 8, WorkClaims.FirstCursor)).Claimed.ShouldHaveSingleItem();
        claimed.Lease.WorkId.ShouldBe("owner-1:s-1:r-3");
        claimed.Attachment.ShouldNotBeNull();
        (await Sut<IWorkQueue>(0).RenewAsync(lease)).ShouldBeFalse();
        (await Sut<IWorkQueue>(0).HandOverAsync(lease)).ShouldBeFalse();
    }

    [Fact]
    public async Task ForgettingTheShopper_ErasesTheTicket_SoTheOrphanIsClaimedWithoutOne()
    {
        const string owner = "u_AAAAAAAAAAAAAAAAAAAAAA";
        var ticket = new WorkAttachment(ShopperKeys.Ticket(owner, "s-1", "r-5"), "{\"m\":\"my address is\"}"u8.ToArray(), TimeSpan.FromMinutes(1));
        await Sut<IWorkQueue>(0).EnqueueAndTakeAsync(Queue, owner + ":s-1:r-5", "consumer-a", ticket);

        var erased = await Sut<IShopperDataEraser>(1).EraseAsync(owner);
        await AdvanceAsync(Visibility + TimeSpan.FromMilliseconds(100));
        var claimed = (await Sut<IWorkQueue>(1).ClaimStaleAsync(Queue, "consumer-b", Visibility, 8, WorkClaims.FirstCursor)).Claimed.ShouldHaveSingleItem();

        if (IsRedis)
        {
            erased.DeletedByKind[ShopperKeys.TicketKind].ShouldBe(1);
            claimed.Attachment.ShouldBeNull();
        }
        else
        {
            // In one process a ticket lives only while its answer runs here; forget stops that answer, whose end deletes it.
            erased.DeletedByKind[ShopperKeys.TicketKind].ShouldBe(0);
        }
    }

    [Fact]
    public async Task LivePeers_AreTheOtherConsumersThatClaimedLately()
    {
        await Sut<IWorkQueue>(0).EnqueueAndTakeAsync(Queue, "owner-1:s-1:r-4", "consumer-a", Ticket("r-4"));
        await Sut<IWorkQueue>(1).ClaimStaleAsync(Queue, "consumer-b", Visibility, 8, WorkClaims.FirstCursor);

        var peers = await Sut<IWorkQueue>(0).LivePeersAsync(Queue, "consumer-a", TimeSpan.FromSeconds(5));

        // In one process nobody else could ever take a unit over.
        peers.ShouldBe(IsRedis ? 1 : 0);
        if (IsRedis)
        {
            (await Sut<IWorkQueue>(0).LivePeersAsync(Queue, "consumer-b", TimeSpan.FromSeconds(5))).ShouldBe(1);
        }
    }
}

public sealed class InMemoryWorkLeaseTests() : WorkLeaseContract(null);

public sealed class RedisWorkLeaseTests(RedisServerFixture redis) : WorkLeaseContract(redis.Server), IClassFixture<RedisServerFixture>;
