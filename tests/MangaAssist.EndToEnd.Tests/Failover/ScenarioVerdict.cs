namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>The fault-conduct benchmark's grades (issue 15), best first.</summary>
public enum ScenarioVerdict
{
    /// <summary>The model's complete text, exactly once, within the scenario's time bound.</summary>
    Pass,

    /// <summary>The complete text exactly once, but later than the scenario's time bound.</summary>
    Partial,

    /// <summary>One clean terminal error frame (any text before it a true beginning of a model's answer).</summary>
    Safe,

    /// <summary>A hang, a truncated or altered <c>done</c>, or a broken protocol promise.</summary>
    Fail,
}
