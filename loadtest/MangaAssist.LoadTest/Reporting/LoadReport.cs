using System.Text.Json.Nodes;
using MangaAssist.LoadTest.Stack;

namespace MangaAssist.LoadTest.Reporting;

/// <summary>Everything a run measured, as written to <c>loadtest/results/&lt;timestamp&gt;-&lt;profile&gt;.json</c>. Times in milliseconds.</summary>
internal sealed record LoadReport
{
    public required string Profile { get; init; }

    public required string Description { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required RunSettings Settings { get; init; }

    public required string Stack { get; init; }

    public required MachineInfo Machine { get; init; }

    public double SendingSeconds { get; init; }

    public double TotalSeconds { get; init; }

    public required RunCounts Counts { get; init; }

    /// <summary>Answers that ended (done or error) per second of sending.</summary>
    public double AnswersPerSecond { get; init; }

    public double MessagesSentPerSecond { get; init; }

    /// <summary>
    /// The service's CPU milliseconds between the measured window's start and the end of sending, divided by the
    /// answers of the window (issue 19's "CPU per answer"); null when the service's CPU was not measured.
    /// </summary>
    public double? ServiceCpuMsPerAnswer { get; init; }

    /// <summary>timeToFirstToken, serviceAddedLatency, timeToStart, duration, emulatorTimeToFirstToken (the direct probe).</summary>
    public required IReadOnlyDictionary<string, LatencySummary> Latency { get; init; }

    public required FrameSummary Frames { get; init; }

    public required IReadOnlyDictionary<string, long> ErrorsByCode { get; init; }

    public required IReadOnlyDictionary<string, long> Violations { get; init; }

    public long ViolationTotal { get; init; }

    public IReadOnlyList<string> ViolationExamples { get; init; } = [];

    public required TextCheckSummary TextCheck { get; init; }

    public required IReadOnlyList<ProcessUsage> Processes { get; init; }

    public required IReadOnlyList<TargetCheck> Targets { get; init; }

    /// <summary>Coarse latency histograms (the Markdown plots), milliseconds.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<HistogramRow>> Histograms { get; init; }

    /// <summary>The cache profile's figures (null for the other profiles).</summary>
    public CacheSummary? Cache { get; init; }

    /// <summary>The fleet profile's signals and the answers in flight at each; null without <c>--fleet</c>.</summary>
    public FleetSummary? Fleet { get; init; }

    public JsonNode? BedrockEmulatorStats { get; init; }

    public JsonNode? GatewayEmulatorStats { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }
}

internal sealed record RunSettings(
    int Users,
    double MessagesPerSecond,
    double WarmupSeconds,
    double DurationSeconds,
    long? MaxMessages,
    string Action,
    int? AnswerTokens,
    int EmulatorTimeToFirstTokenMs,
    int EmulatorTokensPerSecond,
    double ThinkTimeMs,
    double FlushIntervalMs,
    string VerifyText,
    string Target,
    IReadOnlyList<string> StackArgs);

internal sealed record MachineInfo(int ProcessorCount, string Os, string Runtime, string Note);

internal sealed record RunCounts(
    long Sent,
    long Done,
    long Errors,
    long Abandoned,
    long Unfinished,
    long NotSent,
    long SkippedTicks,
    long ConnectFailures,
    int UsersConnected,
    long PeakInFlight,
    long WarmupSent,
    long WarmupAnswers,
    long WarmupViolations,
    long GatewayFailures = 0);

internal sealed record LatencySummary(long Count, double Min, double P50, double P95, double P99, double P999, double Max, double Mean);

internal sealed record FrameSummary(
    double FlushIntervalMs,
    LatencySummary FramesPerAnswer,
    LatencySummary DeltaGapMs,
    double DeltaFramesPerSecondP50,
    double DeltaFramesPerSecondMax,
    long AnswersOverFrameBudget);

/// <param name="Grounded">Checked model answers whose prompt carried catalog passages.</param>
/// <param name="Ungrounded">Checked model answers whose prompt had none (retrieval found nothing, failed or was not ready).</param>
internal sealed record TextCheckSummary(string Mode, long Verified, long Unverifiable, long TranscriptsMissed, long Grounded = 0, long Ungrounded = 0);

internal sealed record TargetCheck(string Name, string Target, string Measured, bool? Met);

internal sealed record HistogramRow(double LowMs, double HighMs, long Count, double CumulativePercent);

/// <summary>The response-cache path: cached answers' latencies, counts, text checks and Redis commands per answer.</summary>
internal sealed record CacheSummary(
    int Questions,
    long CachedAnswers,
    long UncachedAnswers,
    long ErrorAnswers,
    double AnswersPerSecond,
    LatencySummary TimeToStart,
    LatencySummary TimeToFirstDelta,
    long CachedTextsCompared,
    long CachedTextsDiffering,
    long CachedTextsWithoutReference,
    RedisCommandSummary? Redis);

/// <summary>
/// Commands the tool's redis-server processed in the measured window, per answer ended in it; every
/// command the service sends is counted (and each command a Lua script runs), not only the cache read.
/// </summary>
internal sealed record RedisCommandSummary(
    long AnswersInWindow,
    long Commands,
    double CommandsPerAnswer,
    IReadOnlyDictionary<string, long> CallsByCommand,
    IReadOnlyDictionary<string, double> PerAnswerByCommand,
    double IdleCommandsPerSecond,
    IReadOnlyDictionary<string, long> IdleCalls);
