namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// The pipeline's seam to answer continuity (Continuity/): an answer's lease is taken in one call once it is admitted,
/// and released in one call after its terminal frame; an answer stopped to be handed over leaves without one.
/// </summary>
public interface IAnswerLeaseHooks
{
    /// <summary>
    /// Takes the admitted answer's lease (with its resume ticket); the answer goes on unleased when it can't be taken.
    /// Anything the answer's frames must know is set before the first await, so the take may run beside the preparation.
    /// </summary>
    Task TakeAsync(Answer answer);

    /// <summary>Passes the lease of an answer that was stopped for another task on; true when the answer must end here without a terminal frame.</summary>
    Task<bool> TryHandOverAsync(Answer answer);

    /// <summary>Ends the answer's lease and its ticket, unless it left for another task.</summary>
    Task ReleaseAsync(Answer answer);
}
