namespace MangaAssist.Orchestrator.Options;

/// <summary>
/// Bedrock features of one route (<c>Routes:{Route}:Bedrock:…</c>): a guardrail, the latency mode and the
/// service tier. Inference profiles need no setting here: a route's model ids may be profile ids
/// (<c>jp.</c>, <c>apac.</c>, <c>us.</c>, <c>global.</c>), and the capability table reads through the prefix.
/// </summary>
public sealed class RouteBedrockOptions
{
    /// <summary>Guardrail id or ARN; empty for none. With it the shopper's own words go out as <c>guardContent</c>, retrieved passages do not.</summary>
    public string GuardrailId { get; set; } = "";

    /// <summary>A guardrail version number or <c>DRAFT</c>.</summary>
    /// <value>The default value is <c>DRAFT</c>.</value>
    public string GuardrailVersion { get; set; } = "DRAFT";

    /// <summary><c>sync</c> (each chunk is checked before it is sent) or <c>async</c> (chunks flow while the check runs behind them).</summary>
    /// <value>The default value is <c>sync</c>.</value>
    public string GuardrailStreamProcessingMode { get; set; } = "sync";

    /// <summary><c>standard</c> or <c>optimized</c> (latency-optimized inference, on the models that offer it); empty leaves Bedrock's default.</summary>
    public string LatencyMode { get; set; } = "";

    /// <summary><c>default</c>, <c>priority</c> or <c>flex</c>; empty leaves Bedrock's default.</summary>
    public string ServiceTier { get; set; } = "";

    /// <summary>Whether prompt prefixes get cache points on models that support caching.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool PromptCaching { get; set; } = true;
}
