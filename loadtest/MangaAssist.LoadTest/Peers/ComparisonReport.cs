using MangaAssist.LoadTest.Reporting;

namespace MangaAssist.LoadTest.Peers;

/// <summary>The peer comparison: every step (gateway × concurrency) of one run, side by side.</summary>
internal sealed record ComparisonReport
{
    public required string Profile { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required string Stack { get; init; }

    public required string PortkeyVersion { get; init; }

    public required MachineInfo Machine { get; init; }

    public required ComparisonSettings Settings { get; init; }

    public required IReadOnlyList<PeerPhase> Phases { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Broken protocol promises and texts that differ from the model's, over all steps: the exit code's basis.</summary>
    public long ProblemTotal => Phases.Sum(p => p.Violations);
}

internal sealed record ComparisonSettings(
    IReadOnlyList<int> Levels,
    double WarmupSeconds,
    double DurationSeconds,
    int EmulatorTimeToFirstTokenMs,
    int EmulatorTokensPerSecond,
    int? AnswerTokens,
    string VerifyText,
    IReadOnlyList<string> StackArgs,
    double ThinkTimeSeconds = 0);

/// <summary>
/// One gateway at one concurrency. Added = client time to first token minus the model's own for that request
/// (emulator transcript); upper bound = minus the configured time to first token; model alone = the direct probe.
/// </summary>
internal sealed record PeerPhase
{
    public required string Gateway { get; init; }

    public required int Streams { get; init; }

    public double MeasuredSeconds { get; init; }

    /// <summary>Answers that ended inside the measured window (the CPU divisor).</summary>
    public long AnswersEnded { get; init; }

    public double AnswersPerSecond { get; init; }

    public long Sent { get; init; }

    public long Done { get; init; }

    public long Errors { get; init; }

    public long Abandoned { get; init; }

    public long Unfinished { get; init; }

    public long NotSent { get; init; }

    public long ConnectFailures { get; init; }

    public required IReadOnlyDictionary<string, long> ErrorsByCode { get; init; }

    /// <summary>Protocol violations (MangaAssist) and text mismatches (both), warm-up included.</summary>
    public long Violations { get; init; }

    public IReadOnlyList<string> ViolationExamples { get; init; } = [];

    public long TextVerified { get; init; }

    public long TextUnverifiable { get; init; }

    public long TranscriptsMissed { get; init; }

    public required LatencySummary TimeToFirstToken { get; init; }

    public required LatencySummary Added { get; init; }

    public required LatencySummary AddedUpperBound { get; init; }

    public LatencySummary? ModelAlone { get; init; }

    public required IReadOnlyDictionary<string, ProcessCpu> Cpu { get; init; }
}
