using System.ComponentModel.DataAnnotations;

namespace MangaAssist.SharedState.Redis;

/// <summary>How the service reaches Redis (configuration section <c>Redis</c>).</summary>
public sealed class RedisConnectionOptions
{
    /// <summary>
    /// StackExchange.Redis configuration string, e.g. <c>my-cache.xxxxxx.use1.cache.amazonaws.com:6379,ssl=true,password=…</c>.
    /// When empty, every shared-state capability runs in memory in this process.
    /// </summary>
    /// <value>The default value is empty (in-memory).</value>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key and channel, so several services can share one Redis.</summary>
    /// <value>The default value is <c>mangaassist:</c>.</value>
    [Required]
    public string KeyPrefix { get; set; } = "mangaassist:";

    /// <summary>Connect timeout of one connection attempt.</summary>
    /// <value>The default value is 500 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait for one Redis call (sync and async); a slower call counts as a failure.</summary>
    /// <value>The default value is 500 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a starting process waits for its first Redis connection: its calls wait instead of failing (and opening
    /// the circuit), and readiness reports not ready. After it, a process without Redis serves on local fallbacks.
    /// Zero: no wait (calls fail fast from the start).
    /// </summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan StartupPatience { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The circuit breaker around every Redis call.</summary>
    public RedisCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    internal bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}

/// <summary>When Redis calls stop being attempted (section <c>Redis:CircuitBreaker</c>).</summary>
public sealed class RedisCircuitBreakerOptions
{
    /// <summary>Share of failed calls within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    /// <value>The default value is 0.5.</value>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within <see cref="SamplingDuration"/> before the ratio is judged.</summary>
    /// <value>The default value is 4.</value>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 4;

    /// <summary>Window over which failures are counted.</summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an open circuit refuses calls before one trial call is let through.</summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
