using System.Text.Json.Nodes;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Stack;

namespace MangaAssist.LoadTest.Reporting;

/// <summary>The raw outcome of a run, before it is summarised.</summary>
internal sealed record RunFacts(
    DateTimeOffset StartedAt,
    string Stack,
    TimeSpan SendingTime,
    TimeSpan TotalTime,
    AnswerStats Stats,
    AnswerStats WarmupStats,
    LogLinearHistogram? ProbeTimeToFirstToken,
    long ProbeFailures,
    IReadOnlyDictionary<string, ProcessUsage> Processes,
    long NotSent,
    long Unfinished,
    long SkippedTicks,
    long ConnectFailures,
    int UsersConnected,
    long PeakInFlight,
    long VerifierDropped,
    JsonNode? BedrockStats,
    JsonNode? GatewayStats);
