using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Work;

namespace MangaAssist.Orchestrator.Continuity;

/// <summary>
/// SIGTERM without lost answers: the task turns not-ready and stops claiming, and the answers still running after a
/// short grace stop at a frame boundary and pass their leases to a live peer, which continues each on the same
/// connection. Only when no peer can take one (no Redis, or no other task claimed lately) do they end with
/// <c>service_restarting</c>.
/// </summary>
public sealed class AnswerHandover(AnswerLeases leases, IWorkQueue queue, ContinuityTelemetry telemetry, ILogger<AnswerHandover> logger) : IAnswerHandOver
{
    public TimeSpan Grace => leases.Options.HandOverGrace;

    private int _draining;

    /// <summary>Whether this task is draining: it takes no orphaned answers (readiness already says not-ready on SIGTERM).</summary>
    public bool Draining => Volatile.Read(ref _draining) != 0;

    /// <summary>Starts draining and says whether a peer can take this task's answers.</summary>
    public async Task<bool> BeginDrainAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _draining, 1);
        if (!leases.Enabled)
        {
            return false;
        }

        try
        {
            // This task stopped claiming: from now on only live peers refresh their seen-time.
            var peers = await queue.LivePeersAsync(ContinuityOptions.Queue, leases.Consumer, leases.Options.PeerWindow, cancellationToken);
            Log.DrainPeers(logger, peers);
            return peers > 0;
        }
        catch (SharedStateUnavailableException exception)
        {
            Log.LeaseUnavailable(logger, "drain", exception.GetType().Name);
            return false;
        }
    }

    /// <summary>Stops every answer this task holds so it is handed over; returns how many were asked to leave.</summary>
    public int HandOverAll()
    {
        var asked = 0;
        foreach (var held in leases.Held)
        {
            if (!held.Leaving)
            {
                held.HandOver();
                asked++;
            }
        }

        return asked;
    }

    /// <summary>
    /// Passes a stopped answer's lease on when it was asked to leave; true when the answer must end here without a
    /// terminal frame. Every frame posted is in the log by now (frames are logged before they are posted).
    /// </summary>
    public async Task<bool> TryFinishAsync(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (leases.Find(answer.Active) is not { Leaving: true } held || answer.StreamBroken || answer.Stream.TerminalSent)
        {
            return false;
        }

        if (held.Lost)
        {
            return true;
        }

        // Frames held back for a next frame that now never comes here: the successor starts after them.
        if (await answer.Stream.FlushAsync(CancellationToken.None) != Kernel.DeliveryResult.Delivered)
        {
            return false;
        }

        try
        {
            var handed = await queue.HandOverAsync(held.Lease, CancellationToken.None);
            telemetry.RecordHandOver(handed ? "handed_over" : "lost");
            Log.HandedOver(logger, answer.Request.RequestId, answer.Request.ConnectionId, answer.Stream.NextSeq, handed);
            return true;
        }
        catch (SharedStateUnavailableException exception)
        {
            // Nobody can take it: the answer ends here with service_restarting after all.
            telemetry.RecordHandOver("failed");
            Log.LeaseUnavailable(logger, answer.Request.RequestId, exception.GetType().Name);
            return false;
        }
    }
}
