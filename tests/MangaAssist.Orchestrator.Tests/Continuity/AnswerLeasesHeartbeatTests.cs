using MangaAssist.Orchestrator.Continuity;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Tests.Support;
using MangaAssist.SharedState.Extensions;
using MangaAssist.SharedState.Phases;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Continuity;

/// <summary>
/// The heartbeat of an answer whose lease was taken with admission: that lease is completed by the write of the
/// answer's terminal frame, so a beat that lands just after that write finds no lease. That is the answer ending,
/// not another task taking it, and must not cancel the answer (its terminal frame may not be posted yet).
/// </summary>
public sealed class AnswerLeasesHeartbeatTests : IAsyncDisposable
{
    private const string Queue = "answers";
    private readonly TimerCountingTimeProvider _clock = new();
    private readonly ServiceProvider _shared;
    private readonly IWorkQueue _queue;
    private readonly AnswerLeases _leases;

    public AnswerLeasesHeartbeatTests()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_clock);
        services.AddSharedState(configuration).AddSharedWork(configuration);
        _shared = services.BuildServiceProvider();
        _queue = _shared.GetRequiredService<IWorkQueue>();
        _leases = new AnswerLeases(
            _queue, Microsoft.Extensions.Options.Options.Create(new ContinuityOptions()), Microsoft.Extensions.Options.Options.Create(new RedisConnectionOptions()),
            Microsoft.Extensions.Options.Options.Create(new ResumeOptions()), _clock, NullLogger<AnswerLeases>.Instance);
    }

    [Fact]
    public async Task ABeatAfterTheTerminalWriteCompletedTheLease_EndsTheHeartbeat_WithoutCancellingTheAnswer()
    {
        using var active = new ActiveRequest("conn-1", "r-1");
        var (held, settlement) = await HoldTakenAsync(active);

        // The settling write: marked settled before it is sent, and it completes the lease in Redis.
        settlement.Settled = true;
        await _queue.CompleteAsync(held.Lease);
        await BeatAsync();

        held.Lost.ShouldBeFalse();
        active.Token.IsCancellationRequested.ShouldBeFalse("the answer's terminal frame still has to reach the shopper");
        _clock.ActiveTimers.ShouldBe(0, "an ended lease needs no more beats");
    }

    [Fact]
    public async Task ABeatThatFindsTheLeaseGoneBeforeTheAnswerSettled_StopsTheAnswerForTheTaskThatHasIt()
    {
        using var active = new ActiveRequest("conn-1", "r-2");
        var (held, _) = await HoldTakenAsync(active);

        await _queue.CompleteAsync(held.Lease);
        await BeatAsync();

        held.Lost.ShouldBeTrue();
        active.Reason.ShouldBe(CancelReason.ShuttingDown);
    }

    public async ValueTask DisposeAsync() => await _shared.DisposeAsync();

    private async Task<(HeldAnswer Held, AnswerSettlement Settlement)> HoldTakenAsync(ActiveRequest active)
    {
        var attachment = new WorkAttachment("ticket:" + active.RequestId, new byte[] { 1 }, TimeSpan.FromMinutes(1));
        var lease = await _queue.EnqueueAndTakeAsync(Queue, active.RequestId, _leases.Consumer, attachment);
        var take = new LeaseTake(Queue, active.RequestId, _leases.Consumer, attachment.Key, attachment.Value, attachment.TimeToLive);
        var settlement = new AnswerSettlement();
        settlement.CompleteLease(Queue, lease.EntryId, attachment.Key);
        return (_leases.HoldTaken(take, lease.EntryId, active, settlement), settlement);
    }

    // The beat runs on a timer callback and renews asynchronously; wait until it has acted.
    private async Task BeatAsync()
    {
        _clock.Advance(_leases.Options.HeartbeatInterval);
        for (var i = 0; i < 200 && _clock.ActiveTimers > 0; i++)
        {
            await Task.Delay(10);
            if (_leases.Held.All(h => h.Leaving))
            {
                break;
            }
        }
    }
}
