using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.SharedState.Phases;

namespace MangaAssist.Orchestrator.Continuity;

/// <summary>The pipeline's lease hooks: take at admission, hand over when stopped for another task, release after the terminal frame.</summary>
public sealed class AnswerLeaseHooks(AnswerLeases leases, AnswerHandover handover) : IAnswerLeaseHooks
{
    public LeaseTake? LeaseToTake(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Stream.Settlement is null ? null : leases.ToTake(answer.Request);
    }

    public async Task TakeAsync(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer is { LeaseToTake: { } take, TakenLeaseId: { } taken, Stream.Settlement: { } settlement })
        {
            // Admission took it in its own round trip; this runs before the preparation's first await, so the start
            // frame is already written ahead of its post.
            leases.HoldTaken(take, taken, answer.Active, settlement);
            answer.Stream.LogBeforePost = true;
            return;
        }

        // Set before the take is sent (the start frame may go out meanwhile): a leased answer's frames reach the log
        // before the client, so a task taking it over never repeats one.
        answer.Stream.LogBeforePost = leases.Enabled;
        await leases.TakeAsync(answer.Request, answer.Active, CancellationToken.None);
    }

    public Task<bool> TryHandOverAsync(Answer answer) => handover.TryFinishAsync(answer);

    public Task ReleaseAsync(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return leases.ReleaseAsync(answer.Active);
    }
}
