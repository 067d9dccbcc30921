namespace MangaAssist.Orchestrator.Jobs;

/// <summary>Why a running job stopped before its end; the first reason holds.</summary>
public enum JobStop
{
    None,

    /// <summary>Its owner cancelled it: it ends <c>cancelled</c>.</summary>
    Cancelled,

    /// <summary>Another runner holds it now: this one leaves without a word.</summary>
    LeaseLost,

    /// <summary>This instance is stopping: the job is left for another to take over.</summary>
    ShuttingDown,
}
