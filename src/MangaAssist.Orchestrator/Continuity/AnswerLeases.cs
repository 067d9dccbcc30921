using System.Collections.Concurrent;
using System.Diagnostics;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Options;
using MangaAssist.SharedState.Phases;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Shoppers;
using MangaAssist.SharedState.Work;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Continuity;

/// <summary>
/// The lease holder: every chat answer this task runs holds a lease on the shared answers queue, taken in one call
/// when the answer is admitted (with its resume ticket) and released in one call after its terminal frame. Answers
/// that live longer than a third of the visibility timeout renew it; shorter ones cost nothing more.
/// </summary>
public sealed class AnswerLeases(
    IWorkQueue queue, IOptions<ContinuityOptions> options, IOptions<RedisConnectionOptions> redis, IOptions<ResumeOptions> resume,
    TimeProvider timeProvider, ILogger<AnswerLeases> logger)
{
    private readonly ConcurrentDictionary<ActiveRequest, HeldAnswer> _held = new();

    /// <summary>This task's name in the consumer group: unique per process, so a restarted task is a new consumer.</summary>
    public string Consumer { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Whether answers are leased: only when another task could see them (Redis) and continue them (the frame log).</summary>
    public bool Enabled { get; } = options.Value.Enabled && !string.IsNullOrWhiteSpace(redis.Value.Configuration) && resume.Value.Enabled;

    public ContinuityOptions Options => options.Value;

    /// <summary>The answers this task holds now.</summary>
    public ICollection<HeldAnswer> Held => _held.Values;

    /// <summary>Takes the lease of a newly admitted answer; null when answers are not leased or Redis can't take it (the answer goes on unprotected).</summary>
    public async Task<HeldAnswer?> TakeAsync(ChatRequest request, ActiveRequest active, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Enabled)
        {
            return null;
        }

        var (key, attachment) = TicketOf(request);
        try
        {
            var lease = await queue.EnqueueAndTakeAsync(ContinuityOptions.Queue, key, Consumer, attachment, cancellationToken);
            return Hold(lease, active);
        }
        catch (SharedStateUnavailableException exception)
        {
            Log.LeaseUnavailable(logger, request.RequestId, exception.GetType().Name);
            return null;
        }
    }

    /// <summary>The lease of a new answer for admission to take in its own round trip; null when answers are not leased.</summary>
    public LeaseTake? ToTake(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Enabled)
        {
            return null;
        }

        var (key, attachment) = TicketOf(request);
        return new LeaseTake(ContinuityOptions.Queue, key, Consumer, attachment.Key, attachment.Value, attachment.TimeToLive);
    }

    /// <summary>Holds the lease admission took; the answer's last frame-log write completes it, so releasing it calls nothing.</summary>
    public HeldAnswer HoldTaken(LeaseTake take, string entryId, ActiveRequest active, AnswerSettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(take);
        ArgumentNullException.ThrowIfNull(settlement);
        var held = Hold(new WorkLease(take.Queue, entryId, take.WorkId, take.Consumer, Reclaimed: false, take.AttachmentKey), active);
        held.CompletedBy = settlement;
        return held;
    }

    /// <summary>Holds a lease claimed from a task that died or drained.</summary>
    public HeldAnswer Hold(WorkLease lease, ActiveRequest active)
    {
        var held = new HeldAnswer(lease, active);
        _held[active] = held;
        var beat = options.Value.HeartbeatInterval;
        held.StartHeartbeat(timeProvider.CreateTimer(static state => _ = ((Func<Task>)state!)(), (Func<Task>)(() => RenewAsync(held)), beat, beat));
        return held;
    }

    /// <summary>The lease <paramref name="active"/> holds, if any.</summary>
    public HeldAnswer? Find(ActiveRequest active) => _held.TryGetValue(active, out var held) ? held : null;

    /// <summary>Ends the answer's lease (and deletes its ticket) in one call, unless it left for another task.</summary>
    public async Task ReleaseAsync(ActiveRequest active)
    {
        if (!_held.TryRemove(active, out var held))
        {
            return;
        }

        held.Dispose();
        if (held.Leaving || held.CompletedBy is not null)
        {
            return;
        }

        try
        {
            await queue.CompleteAsync(held.Lease, CancellationToken.None);
        }
        catch (SharedStateUnavailableException exception)
        {
            // The answer ended; a peer that claims the lease later finds its terminal frame in the log and only completes it.
            Log.LeaseUnavailable(logger, active.RequestId, exception.GetType().Name);
        }
    }

    private (string Key, WorkAttachment Attachment) TicketOf(ChatRequest request)
    {
        var ticket = new AnswerTicket(request.ConnectionId, request.Principal.Id, request.SessionId, request.RequestId, request.Route, request.Message,
            Activity.Current is { } current ? current.Id : null);
        var key = ShopperKeys.Ticket(request.Principal.Id, request.SessionId, request.RequestId);
        // The ticket outlives the longest the answer may run, so a late take-over still finds it; completion deletes it sooner.
        return (key, new WorkAttachment(key, ticket.Encode(), request.Profile.TotalTimeout + options.Value.VisibilityTimeout + TimeSpan.FromMinutes(1)));
    }

    private async Task RenewAsync(HeldAnswer held)
    {
        try
        {
            if (!held.Leaving && !await queue.RenewAsync(held.Lease, CancellationToken.None))
            {
                if (held.EndedWithLog)
                {
                    // The terminal frame's write completed the lease just before this beat: the answer ends here, and
                    // cancelling it now could keep that frame from the shopper with nobody left to post it.
                    held.Dispose();
                    return;
                }

                Log.LeaseLost(logger, held.Active.RequestId);
                held.MarkLost();
            }
        }
        catch (SharedStateUnavailableException)
        {
            // The next beat tries again; a peer only claims the answer after the whole visibility timeout.
        }
        catch (ObjectDisposedException)
        {
            // The answer ended while the beat was on its way.
        }
    }
}
