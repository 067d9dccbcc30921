using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Options;

/// <summary>How calls to Bedrock recover from faults. Configuration section <c>Resilience</c>.</summary>
public sealed class ResilienceOptions
{
    public const string SectionName = "Resilience";

    /// <summary>Model calls per answer, counting retries, continuations and fallbacks.</summary>
    /// <value>The default value is 4.</value>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Backoff before the first retry; doubled per retry, with jitter. A retry hint from Bedrock wins.</summary>
    /// <value>The default value is 200 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest backoff, whatever the attempt or the hint.</summary>
    /// <value>The default value is 5 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries allowed per answer started, over <see cref="RetryBudgetWindow"/>: 0.5 means a full
    /// outage adds at most half again to the load on Bedrock. An empty budget means failures are
    /// final at their first attempt, so retries cannot turn an outage into a retry storm.
    /// </summary>
    /// <value>The default value is 0.5.</value>
    [Range(0.0, 10.0)]
    public double RetryBudgetRatio { get; set; } = 0.5;

    /// <summary>Retries per second allowed however quiet the instance is.</summary>
    /// <value>The default value is 2.</value>
    [Range(0, 100_000)]
    public int RetryBudgetMinimumPerSecond { get; set; } = 2;

    /// <summary>How far back answers and retries are counted for the budget.</summary>
    /// <value>The default value is 10 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryBudgetWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of failed calls, over <see cref="CircuitSamplingDuration"/>, that opens a model's circuit.</summary>
    /// High enough that a degraded model (which retries and fallbacks handle) is not mistaken for a dead one.
    /// <value>The default value is 0.8.</value>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double CircuitFailureRatio { get; set; } = 0.8;

    /// <summary>Calls a model must have had in the sampling window before its circuit may open.</summary>
    /// <value>The default value is 20.</value>
    [Range(2, 100_000)]
    public int CircuitMinimumThroughput { get; set; } = 20;

    /// <value>The default value is 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before one trial call is let through.</summary>
    /// <value>The default value is 15 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
