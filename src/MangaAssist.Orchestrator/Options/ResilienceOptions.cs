using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Options;

/// <summary>How calls to Bedrock recover from faults. Configuration section <c>Resilience</c>.</summary>
public sealed class ResilienceOptions
{
    public const string SectionName = "Resilience";

    /// <summary>
    /// Model calls per answer, counting retries, continuations, hedges and fallbacks. Six lets a bad minute (a call
    /// failing 37 % of the time) leave fewer than 1 % of answers unfinished; the retry budget bounds the total.
    /// </summary>
    /// <value>The default value is 6.</value>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 6;

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

    /// <summary>
    /// Retries the budget holds from the start, beyond the window's share: like the AWS SDKs' retry quota it starts
    /// full, so a burst on a freshly started instance can retry; it drains only when the window's share is spent,
    /// and each completed answer refills it (<see cref="RetryBudgetRefillPerSuccess"/>). In an outage nothing
    /// completes, so it is spent once and the window's share (and the circuits) bound the load.
    /// </summary>
    /// <value>The default value is 100.</value>
    [Range(0, 100_000)]
    public int RetryBudgetBurst { get; set; } = 100;

    /// <summary>Burst credits one completed answer gives back.</summary>
    /// <value>The default value is 1.</value>
    [Range(0.0, 100.0)]
    public double RetryBudgetRefillPerSuccess { get; set; } = 1;

    /// <summary>Retries on the same model, for a transient error (500, 503, 429 with a short hint, a reset before headers, a model not ready), before the next model.</summary>
    /// <value>The default value is 1.</value>
    [Range(0, 5)]
    public int SameModelRetries { get; set; } = 1;

    /// <summary>Longest Retry-After hint worth waiting for on the same model; a longer hint (or none, on a 429) hands over to the next model. The wait itself is capped by <see cref="RetryMaxDelay"/>.</summary>
    /// <value>The default value is 2 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxRetryAfterHint { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Share of the route's first-token timeout after which, with no token yet, the next model is started in
    /// parallel (a hedge); the first to speak is kept. 0 turns hedging off.
    /// </summary>
    /// <value>The default value is 0.4.</value>
    [Range(0.0, 0.95)]
    public double HedgeAfterShare { get; set; } = 0.4;

    /// <summary>Tokens a stream must have sent before its own pace sets its idle deadline.</summary>
    /// <value>The default value is 5.</value>
    [Range(2, 10_000)]
    public int StallMinTokens { get; set; } = 5;

    /// <summary>
    /// How many times this stream's usual gap between tokens (the larger of its average gap and twice its
    /// longest gap so far, scaled) counts as a stall.
    /// </summary>
    /// <value>The default value is 10.</value>
    [Range(1.0, 1000.0)]
    public double StallGapMultiplier { get; set; } = 10;

    /// <summary>Shortest idle deadline a fast stream gets; the route's idle timeout is the longest.</summary>
    /// <value>The default value is 2 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan StallFloor { get; set; } = TimeSpan.FromSeconds(2);

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
