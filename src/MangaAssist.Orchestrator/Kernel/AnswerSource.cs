namespace MangaAssist.Orchestrator.Kernel;

/// <summary>Where an answer's text came from.</summary>
public enum AnswerSource
{
    /// <summary>No source produced text (refused, failed or stopped before producing).</summary>
    None,

    /// <summary>The response cache: a complete answer to the same first question.</summary>
    Cache,

    /// <summary>Another request's identical question in flight (this request followed it).</summary>
    SharedFlight,

    /// <summary>The model, for this request alone.</summary>
    Model,

    /// <summary>The model, with identical questions following this request's flight.</summary>
    ModelLeadingFlight,
}
