using System.Text.Json.Nodes;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Redis;
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
    long TranscriptsMissed,
    JsonNode? BedrockStats,
    JsonNode? GatewayStats,
    CacheFacts? Cache = null,
    FleetFacts? Fleet = null);

/// <summary>The fleet profile's signals to its service processes and the answers in flight at each.</summary>
internal sealed record FleetFacts(IReadOnlyList<Running.FleetEvent> Events, IReadOnlyList<Running.SpanningAnswers> Spanning, int Services);

/// <summary>
/// What the cache profile saw beyond the answer statistics: the comparisons of cached texts with the
/// first answer, and the commands the tool's redis-server processed in the measured window (null with
/// <c>--target</c>) and in <see cref="IdleTime"/> with nothing in flight just before it.
/// </summary>
internal sealed record CacheFacts(
    int Questions,
    long TextsCompared,
    long TextsDiffering,
    long TextsWithoutReference,
    RedisCommandDelta? Window,
    RedisCommandDelta? Idle,
    TimeSpan IdleTime);
