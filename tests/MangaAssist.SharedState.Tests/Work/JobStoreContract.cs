using MangaAssist.SharedState.Jobs;
using MangaAssist.SharedState.Tests.Support;

namespace MangaAssist.SharedState.Tests.Work;

public abstract class JobStoreContract(RedisServer? redis) : WorkContract(redis)
{
    private static JobRecord NewJob(string owner = "owner-1") =>
        new() { Id = Guid.NewGuid().ToString("N"), OwnerId = owner, SessionId = "s-1", RequestId = "r-1", Message = "Compare two series", Fingerprint = "fp" };

    [Fact]
    public async Task SameIdempotencyKey_GivesTheFirstJobBackOnAnyInstance()
    {
        var (first, created) = await Sut<IJobStore>(0).CreateAsync(NewJob(), "key-a");
        var (again, createdAgain) = await Sut<IJobStore>(1).CreateAsync(NewJob(), "key-a");

        created.ShouldBeTrue();
        createdAgain.ShouldBeFalse();
        again.Id.ShouldBe(first.Id);
        again.Status.ShouldBe(JobStatus.Queued);
    }

    [Fact]
    public async Task IdempotencyKeys_ArePerOwner()
    {
        var (mine, _) = await Sut<IJobStore>(0).CreateAsync(NewJob("owner-1"), "shared-key");
        var (theirs, created) = await Sut<IJobStore>(1).CreateAsync(NewJob("owner-2"), "shared-key");

        created.ShouldBeTrue();
        theirs.Id.ShouldNotBe(mine.Id);
    }

    [Fact]
    public async Task Finish_IsFinal_ALateDuplicateChangesNothing()
    {
        var (job, _) = await Sut<IJobStore>(0).CreateAsync(NewJob(), null);
        (await Sut<IJobStore>(0).StartAsync(job.Id)).ShouldNotBeNull().Attempts.ShouldBe(1);

        (await Sut<IJobStore>(0).FinishAsync(job.Id, new JobOutcome(JobStatus.Succeeded) { ResultText = "the answer", ResultBytes = 10 })).ShouldBeTrue();
        (await Sut<IJobStore>(1).FinishAsync(job.Id, new JobOutcome(JobStatus.Failed) { ErrorCode = "internal_error" })).ShouldBeFalse();

        var stored = (await Sut<IJobStore>(1).FindAsync(job.Id)).ShouldNotBeNull();
        stored.Status.ShouldBe(JobStatus.Succeeded);
        stored.ResultText.ShouldBe("the answer");
        stored.ErrorCode.ShouldBeNull();
        (await Sut<IJobStore>(1).StartAsync(job.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task Finish_KeepsTheAnswersCitationsForEveryInstance()
    {
        var (job, _) = await Sut<IJobStore>(0).CreateAsync(NewJob(), null);
        await Sut<IJobStore>(0).StartAsync(job.Id);
        MangaAssist.SharedState.ResponseCache.AnswerCitation[] citations =
        [
            new("p-1", "One Piece", "https://example.test/p-1", "ワンピース", 528),
            new("p-2", "Vinland Saga", "https://example.test/p-2"),
        ];

        await Sut<IJobStore>(0).FinishAsync(job.Id, new JobOutcome(JobStatus.Succeeded) { ResultText = "the answer [1][2]", Citations = citations });

        (await Sut<IJobStore>(1).FindAsync(job.Id)).ShouldNotBeNull().Citations.ShouldBe(citations);
        (await Sut<IJobStore>(1).FindAsync((await Sut<IJobStore>(0).CreateAsync(NewJob(), null)).Job.Id)).ShouldNotBeNull().Citations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancel_EndsAQueuedJobAtOnceAndFlagsARunningOne()
    {
        var (queued, _) = await Sut<IJobStore>(0).CreateAsync(NewJob(), null);
        var (running, _) = await Sut<IJobStore>(0).CreateAsync(NewJob(), null);
        await Sut<IJobStore>(0).StartAsync(running.Id);

        (await Sut<IJobStore>(1).RequestCancelAsync(queued.Id)).ShouldNotBeNull().Status.ShouldBe(JobStatus.Cancelled);
        var flagged = (await Sut<IJobStore>(1).RequestCancelAsync(running.Id)).ShouldNotBeNull();

        flagged.Status.ShouldBe(JobStatus.Running);
        flagged.CancelRequested.ShouldBeTrue();
        (await Sut<IJobStore>(0).ReportProgressAsync(running.Id, 12)).ShouldBeTrue();
        (await Sut<IJobStore>(0).FindAsync(running.Id)).ShouldNotBeNull().ProgressTokens.ShouldBe(12);
    }

    [Fact]
    public async Task EraseOwner_DeletesOnlyThatOwnersJobsAndKeys_AndStopsTheirRunningOnes()
    {
        var (keyed, _) = await Sut<IJobStore>(0).CreateAsync(NewJob("owner-1"), "key-f");
        var (running, _) = await Sut<IJobStore>(0).CreateAsync(NewJob("owner-1"), null);
        await Sut<IJobStore>(0).StartAsync(running.Id);
        var (theirs, _) = await Sut<IJobStore>(0).CreateAsync(NewJob("owner-2"), "key-f");

        (await Sut<IJobStore>(1).EraseOwnerAsync("owner-1")).ShouldBe(2);

        (await Sut<IJobStore>(0).FindAsync(keyed.Id)).ShouldBeNull();
        (await Sut<IJobStore>(0).FindAsync(running.Id)).ShouldBeNull();
        (await Sut<IJobStore>(0).FindAsync(theirs.Id)).ShouldNotBeNull();
        // The running job's heartbeat learns it is gone and stops.
        (await Sut<IJobStore>(0).ReportProgressAsync(running.Id, 3)).ShouldBeTrue();
        // The idempotency key went with it: the same key now makes a new job.
        var (fresh, created) = await Sut<IJobStore>(0).CreateAsync(NewJob("owner-1"), "key-f");
        created.ShouldBeTrue();
        fresh.Id.ShouldNotBe(keyed.Id);
        (await Sut<IJobStore>(1).EraseOwnerAsync("owner-3")).ShouldBe(0);
    }

    [Fact]
    public async Task EveryChange_RaisesTheVersion()
    {
        var (job, _) = await Sut<IJobStore>(0).CreateAsync(NewJob(), null);
        await Sut<IJobStore>(0).StartAsync(job.Id);
        await Sut<IJobStore>(0).ReportProgressAsync(job.Id, 5);

        (await Sut<IJobStore>(1).FindAsync(job.Id)).ShouldNotBeNull().Version.ShouldBe(job.Version + 2);
    }
}

public sealed class InMemoryJobStoreTests() : JobStoreContract(null);

public sealed class RedisJobStoreTests(RedisServerFixture redis) : JobStoreContract(redis.Server), IClassFixture<RedisServerFixture>;
