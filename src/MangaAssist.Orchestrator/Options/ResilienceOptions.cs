namespace MangaAssist.Orchestrator.Options;

/// <summary>How calls to Bedrock recover from faults. Configuration section <c>Resilience</c>.</summary>
public sealed class ResilienceOptions
{
    public const string SectionName = "Resilience";

    /// <summary>Model calls per answer, counting retries, continuations and fallbacks.</summary>
    /// <value>The default value is 4.</value>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Backoff before the first retry; doubled per retry, with jitter. A retry hint from Bedrock wins.</summary>
    /// <value>The default value is 200 ms.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest backoff, whatever the attempt or the hint.</summary>
    /// <value>The default value is 5 s.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The instance's retry quota, as the AWS SDKs keep it: a retry costs <see cref="RetryCost"/>
    /// tokens (<see cref="TimeoutRetryCost"/> after a timeout), an answer that succeeds first time
    /// returns one, a retry that succeeds returns its cost. An empty bucket means no retries, so a
    /// full outage is not multiplied into a retry storm.
    /// </summary>
    /// <value>The default value is 500.</value>
    public int RetryBudgetCapacity { get; set; } = 500;

    /// <value>The default value is 5.</value>
    public int RetryCost { get; set; } = 5;

    /// <value>The default value is 10.</value>
    public int TimeoutRetryCost { get; set; } = 10;

    /// <summary>Share of failed calls, over <see cref="CircuitSamplingDuration"/>, that opens a model's circuit.</summary>
    /// <value>The default value is 0.5.</value>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Calls a model must have had in the sampling window before its circuit may open.</summary>
    /// <value>The default value is 10.</value>
    public int CircuitMinimumThroughput { get; set; } = 10;

    /// <value>The default value is 30 s.</value>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before one trial call is let through.</summary>
    /// <value>The default value is 15 s.</value>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
