namespace MangaAssist.Orchestrator.Options;

/// <summary>What may leave the service. Configuration section <c>Hygiene</c>.</summary>
public sealed class HygieneOptions
{
    public const string SectionName = "Hygiene";

    /// <summary>
    /// Let debug fields, prompts and retrieved context through the outbound sanitizer (vectors
    /// never pass). Refused at start-up in the Production environment.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool AllowDebug { get; set; }
}
