namespace MangaAssist.LoadTest.Cli;

/// <summary>A named workload: how many users, how fast they ask, and what.</summary>
internal sealed record LoadProfile(
    string Name,
    string Description,
    int Users,
    double MessagesPerSecond,
    TimeSpan Duration,
    string Action = "sendMessage",
    int? AnswerTokens = null,
    bool Chaos = false,
    IReadOnlyList<string>? StackArgs = null,
    bool Cache = false,
    TimeSpan ThinkTime = default,
    bool PeerComparison = false)
{
    /// <summary>
    /// Load before the measured window when --warmup is not given. The peer comparison warms up for 40 s: at 10 s the
    /// .NET tiered JIT was still recompiling the service's hot methods in the 50-stream window (service CPU per answer
    /// 19.8 ms against 8.7 ms after 40 s, 2026-12-02), a cost of the first minute of a process rather than of the
    /// gateway at that concurrency; both gateways get the same warm-up.
    /// </summary>
    public TimeSpan DefaultWarmup => Cache ? TimeSpan.FromSeconds(5) : PeerComparison ? TimeSpan.FromSeconds(40) : TimeSpan.FromSeconds(10);

    /// <summary>
    /// Cache hits take milliseconds, so a closed-loop user asks far more than the default per-connection
    /// limit (bursts of 10, then 1 a second) allows; the cache profile lifts that limit (the limiter still
    /// runs, with its Redis script, on every message). The per-user limits key on the session, which is
    /// fresh for every question, so they never refuse.
    /// </summary>
    public static readonly IReadOnlyList<string> UnlimitedConnectionMessages =
        ["--SharedState:RateLimits:ConnectionMessages:Capacity=1000000", "--SharedState:RateLimits:ConnectionMessages:RefillPerSecond=1000000"];

    /// <summary>
    /// A person reads an answer and types the next question; 5 s is a fast shopper (reading 80 tokens alone takes
    /// longer), so the capacity profile errs on the busy side.
    /// </summary>
    public static readonly TimeSpan CapacityThinkTime = TimeSpan.FromSeconds(5);

    /// <summary>1M messages a day is 11.6 a second on average.</summary>
    public const double SteadyRate = 1_000_000 / 86_400.0;

    public static IReadOnlyList<LoadProfile> All { get; } =
    [
        new("steady", "the 1M messages/day average: ~12 messages/s from 60 users", 60, Math.Round(SteadyRate, 1), TimeSpan.FromSeconds(60)),
        new("burst", "a Golden Week spike: 10x the steady rate (~116 messages/s) from 600 users", 600, Math.Round(SteadyRate * 10, 1), TimeSpan.FromSeconds(60)),
        new("long", "deep analysis: analyze answers of 1,500 tokens (~25 s each), 1 a second from 40 users", 40, 1, TimeSpan.FromSeconds(90), "analyze", 1500),
        new("chaos", "the steady rate with faults injected on both emulators (reset at the end)", 60, Math.Round(SteadyRate, 1), TimeSpan.FromSeconds(60), Chaos: true),
        new("capacity", "1,000 concurrent conversations on one instance, each pausing 5 s on average (exponential) between an answer and its next question (~150 answers/s)", 1000, 0, TimeSpan.FromSeconds(60),
            ThinkTime: CapacityThinkTime),
        new("saturation", "1,000 users asking again the moment an answer ends: all 1,000 streams in flight at once, the ceiling of one instance", 1000, 0, TimeSpan.FromSeconds(60)),
        new("cache", "the response-cache path against a real redis-server: 50 users asking 20 questions (a fresh session each), closed loop", 50, 0, TimeSpan.FromSeconds(30),
            StackArgs: UnlimitedConnectionMessages, Cache: true),
        new("peer-portkey", "MangaAssist side by side with the Portkey AI gateway (npm, pinned) on the same Bedrock emulator: closed-loop streams at each --levels concurrency, added time to first token and CPU per answer", 0, 0, TimeSpan.FromSeconds(20),
            PeerComparison: true),
    ];

    /// <summary>The peer comparison's default concurrencies: the two measured points and the 1,000-stream target.</summary>
    public static readonly IReadOnlyList<int> DefaultLevels = [50, 200, 1000];

    public static LoadProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
