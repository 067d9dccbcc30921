using MangaAssist.Orchestrator.Pipeline;

namespace MangaAssist.Orchestrator.Continuity;

/// <summary>The pipeline's lease hooks: take at admission, hand over when stopped for another task, release after the terminal frame.</summary>
public sealed class AnswerLeaseHooks(AnswerLeases leases, AnswerHandover handover) : IAnswerLeaseHooks
{
    public async Task TakeAsync(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
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
