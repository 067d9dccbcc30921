using System.Runtime.InteropServices;
using MangaAssist.LoadTest.Cli;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Reporting;

namespace MangaAssist.LoadTest.Peers;

/// <summary>Turns the measured steps into a <see cref="ComparisonReport"/>.</summary>
internal static class ComparisonReportBuilder
{
    public static ComparisonReport Build(LoadOptions options, DateTimeOffset startedAt, string stack, string portkeyVersion, IReadOnlyList<PeerPhase> phases) => new()
    {
        Profile = options.Profile.Name,
        StartedAt = startedAt,
        Stack = stack,
        PortkeyVersion = portkeyVersion,
        Machine = new MachineInfo(
            Environment.ProcessorCount,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            $"The load tool, the service, Portkey and the emulators share these {Environment.ProcessorCount} cores; CPU figures are percent of one core."),
        Settings = new ComparisonSettings(
            options.Levels,
            options.Warmup.TotalSeconds,
            options.Duration.TotalSeconds,
            options.EmulatorTimeToFirstTokenMs,
            options.EmulatorTokensPerSecond,
            options.AnswerTokens,
            options.VerifyText.ToString(),
            options.StackArgs,
            options.ThinkTime.TotalSeconds),
        Phases = phases,
        Notes = Notes(phases),
    };

    public static PeerPhase Phase(string gateway, int streams, ClosedLoopPhase phase, PhaseWindow window, LogLinearHistogram? probe, long transcriptsMissed)
    {
        var measured = phase.Measured;
        var warmup = phase.Warmup;
        return new PeerPhase
        {
            Gateway = gateway,
            Streams = streams,
            MeasuredSeconds = window.Length.TotalSeconds,
            AnswersEnded = window.AnswersEnded,
            AnswersPerSecond = Math.Round(window.AnswersEnded / window.Length.TotalSeconds, 1),
            Sent = measured.Sent,
            Done = measured.Done,
            Errors = measured.Errors,
            Abandoned = measured.Abandoned,
            Unfinished = phase.Unfinished,
            ErrorsByCode = new SortedDictionary<string, long>(measured.ErrorsByCode, StringComparer.Ordinal),
            Violations = measured.ViolationCount + warmup.ViolationCount,
            ViolationExamples = [.. warmup.ViolationExamples.Concat(measured.ViolationExamples).Take(10)],
            TextVerified = measured.TextVerified + warmup.TextVerified,
            TextUnverifiable = measured.TextUnverifiable + warmup.TextUnverifiable,
            TranscriptsMissed = transcriptsMissed,
            TimeToFirstToken = LoadReportBuilder.Summarise(measured.TimeToFirstToken, 1000),
            Added = LoadReportBuilder.Summarise(measured.ServiceAddedLatency, 1000),
            AddedUpperBound = LoadReportBuilder.Summarise(measured.ServiceAddedUpperBound, 1000),
            ModelAlone = probe is null ? null : LoadReportBuilder.Summarise(probe, 1000),
            Cpu = window.Cpu(),
        };
    }

    /// <summary>The process that does the gateway's work in a step: the service for MangaAssist, the Node process for Portkey.</summary>
    public static string GatewayProcess(PeerPhase phase) => phase.Gateway.StartsWith("Portkey", StringComparison.Ordinal) ? "portkey" : "service";

    private static List<string> Notes(IReadOnlyList<PeerPhase> phases)
    {
        var notes = new List<string>
        {
            "MangaAssist's path has one more hop than Portkey's: the API Gateway emulator (WebSocket in, @connections posts out) stands " +
            "where AWS's managed gateway would be; its CPU is listed but not charged to the service. MangaAssist also rate-limits, " +
            "remembers the session, retrieves catalog passages (a Titan embedding call to the same emulator) and coalesces deltas; " +
            "Portkey relays the model's stream chunk by chunk.",
            "Steps run one after the other on the same machine; the machine column is everything on it in that step's window, " +
            "so a step run while other work was on the box is contaminated.",
        };
        foreach (var phase in phases.Where(p => p.ErrorsByCode.Count > 0))
        {
            notes.Add($"{phase.Gateway} at {phase.Streams} streams: errors {string.Join(", ", phase.ErrorsByCode.Select(e => $"{e.Key} ×{e.Value}"))}.");
        }

        return notes;
    }
}
