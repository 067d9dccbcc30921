namespace MangaAssist.Orchestrator.Intake;

/// <summary>The drain's seam to answer continuity (Continuity/): whether a peer can take this task's answers, and handing them over.</summary>
public interface IAnswerHandOver
{
    /// <summary>How long answers may still finish here after SIGTERM before they are handed over.</summary>
    TimeSpan Grace { get; }

    /// <summary>Starts draining (no more orphaned answers are taken here) and says whether a live peer can take this task's answers.</summary>
    Task<bool> BeginDrainAsync(CancellationToken cancellationToken);

    /// <summary>Stops every leased answer here so it is handed over; returns how many were asked to leave.</summary>
    int HandOverAll();
}
