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
    IReadOnlyList<string>? StackArgs = null)
{
    /// <summary>
    /// The service admits 256 concurrent Bedrock streams by default (Capacity:MaxConcurrentStreams) and
    /// refuses the rest with busy; 1,000 concurrent conversations need the instance sized for them.
    /// </summary>
    public static readonly IReadOnlyList<string> ThousandStreams =
        ["--Capacity:MaxConcurrentStreams=1000", "--Capacity:MaxQueuedRequests=1000", "--Bedrock:MaxConnections=1000"];

    /// <summary>1M messages a day is 11.6 a second on average.</summary>
    public const double SteadyRate = 1_000_000 / 86_400.0;

    public static IReadOnlyList<LoadProfile> All { get; } =
    [
        new("steady", "the 1M messages/day average: ~12 messages/s from 60 users", 60, Math.Round(SteadyRate, 1), TimeSpan.FromSeconds(60)),
        new("burst", "a Golden Week spike: 10x the steady rate (~116 messages/s) from 600 users", 600, Math.Round(SteadyRate * 10, 1), TimeSpan.FromSeconds(60)),
        new("long", "deep analysis: analyze answers of 1,500 tokens (~25 s each), 1 a second from 40 users", 40, 1, TimeSpan.FromSeconds(90), "analyze", 1500),
        new("chaos", "the steady rate with faults injected on both emulators (reset at the end)", 60, Math.Round(SteadyRate, 1), TimeSpan.FromSeconds(60), Chaos: true),
        new("capacity", "1,000 concurrent conversations, each asking its next question as soon as an answer ends", 1000, 0, TimeSpan.FromSeconds(60), StackArgs: ThousandStreams),
    ];

    public static LoadProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
