using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.SharedState.Phases;
using MangaAssist.SharedState.Work;

namespace MangaAssist.Orchestrator.Continuity;

/// <summary>
/// One answer's lease, held by this task while it answers: renewed by a heartbeat, and stopped (the answer leaves
/// without a terminal frame) when it is handed over or another task took it.
/// </summary>
public sealed class HeldAnswer(WorkLease lease, ActiveRequest active) : IDisposable
{
    private int _leaving;
    private ITimer? _heartbeat;

    public WorkLease Lease { get; } = lease;

    /// <summary>The settlement whose write (with the answer's last frame) completes the lease when it was taken with admission; releasing it then calls nothing.</summary>
    public AnswerSettlement? CompletedBy { get; set; }

    /// <summary>Whether the lease's completion went out with the terminal frame (it is marked settled before it is sent).</summary>
    public bool EndedWithLog => CompletedBy is { Settled: true };

    public ActiveRequest Active { get; } = active;

    /// <summary>Whether this task stops the answer for another to finish it: handed over, or the lease was lost.</summary>
    public bool Leaving => Volatile.Read(ref _leaving) != 0;

    /// <summary>Whether another task holds the lease now: this one must not write a single frame more.</summary>
    public bool Lost => Volatile.Read(ref _leaving) == 2;

    /// <summary>Stops the answer here so it can be handed over (at a frame boundary: what was produced is still posted).</summary>
    public void HandOver() => Leave(1);

    /// <summary>The heartbeat found the lease taken: stop at once, another task continues.</summary>
    public void MarkLost() => Leave(2);

    internal void StartHeartbeat(ITimer timer) => _heartbeat = timer;

    public void Dispose() => _heartbeat?.Dispose();

    private void Leave(int how)
    {
        if (Interlocked.CompareExchange(ref _leaving, how, 0) == 0)
        {
            // The pipeline sees the reason and, instead of a service_restarting frame, leaves the answer to its next task.
            Active.Cancel(CancelReason.ShuttingDown);
        }
    }
}
