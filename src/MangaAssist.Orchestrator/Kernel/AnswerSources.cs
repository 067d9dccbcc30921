namespace MangaAssist.Orchestrator.Kernel;

/// <summary>What each <see cref="AnswerSource"/> means for logs, traces, metrics and charges.</summary>
public static class AnswerSources
{
    /// <summary>The one spelling of a source in logs, span tags and metric tags (dashboards depend on it).</summary>
    public static string Name(this AnswerSource source) => source switch
    {
        AnswerSource.Cache => "cache",
        AnswerSource.SharedFlight => "shared",
        AnswerSource.Model => "model",
        AnswerSource.ModelLeadingFlight => "model (shared)",
        _ => "none",
    };

    /// <summary>Whether this request called the model, and so was billed its tokens.</summary>
    public static bool CalledModel(this AnswerSource source) => source is AnswerSource.Model or AnswerSource.ModelLeadingFlight;
}
