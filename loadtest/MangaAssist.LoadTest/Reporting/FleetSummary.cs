using System.Globalization;
using MangaAssist.Protocol.Oracle;

namespace MangaAssist.LoadTest.Reporting;

/// <summary>
/// The fleet profile's part of the report: what was done to which service process when, and for each signal the
/// answers that were in flight at it (on any task: the client cannot tell which task served an answer).
/// </summary>
internal sealed record FleetSummary(int Services, IReadOnlyList<FleetEventRow> Events, IReadOnlyList<FleetSignalRow> Signals)
{
    /// <summary>Every answer in flight at every signal ended with <c>done</c>, no broken promise, every checked text exact.</summary>
    public bool EveryAnswerSurvived => Signals.All(s => s.Survived);

    public static FleetSummary Of(FleetFacts facts) => new(
        facts.Services,
        [.. facts.Events.Select(e => new FleetEventRow(e.Seconds, e.What, e.Service, e.Detail))],
        [.. facts.Spanning.Select(s => new FleetSignalRow(
            s.Event.Seconds,
            s.Event.What,
            s.Event.Service,
            s.Stats.Done + s.Stats.Errors + s.Stats.Abandoned,
            s.Stats.Done,
            s.Stats.Errors,
            s.Stats.Abandoned,
            new SortedDictionary<string, long>(s.Stats.ErrorsByCode, StringComparer.Ordinal),
            s.Stats.ViolationCount,
            s.Stats.Violations.GetValueOrDefault(ViolationKind.TextMismatch),
            s.Stats.TextVerified,
            s.Stats.TextUnverifiable,
            s.LongestGap.Count == 0 ? 0 : Math.Round(s.LongestGap.ValueAtPercentile(50) / 1000.0, 1),
            s.LongestGap.Count == 0 ? 0 : Math.Round(s.LongestGap.Max / 1000.0, 1),
            [.. s.Stats.ViolationExamples.Take(10)]))]);

    public TargetCheck Target()
    {
        var inFlight = Signals.Sum(s => s.InFlight);
        var survived = Signals.Sum(s => s.Done);
        return new TargetCheck(
            "fleet: answers in flight at each kill / SIGTERM complete with the model's exact text",
            "all of them, 0 violations",
            string.Create(CultureInfo.InvariantCulture, $"{survived} of {inFlight} done; {Signals.Sum(s => s.Violations)} violations ({Signals.Sum(s => s.TextMismatches)} texts differ)"),
            Signals.Count == 0 ? null : EveryAnswerSurvived);
    }
}

internal sealed record FleetEventRow(double Seconds, string What, string Service, string Detail);

/// <summary>The answers in flight at one signal: how they ended, what they broke, their texts and their longest pause.</summary>
internal sealed record FleetSignalRow(
    double Seconds,
    string What,
    string Service,
    long InFlight,
    long Done,
    long Errors,
    long Abandoned,
    IReadOnlyDictionary<string, long> ErrorsByCode,
    long Violations,
    long TextMismatches,
    long TextVerified,
    long TextUnverifiable,
    double LongestPauseP50Ms,
    double LongestPauseMaxMs,
    IReadOnlyList<string> ViolationExamples)
{
    public bool Survived => Done == InFlight && Violations == 0;
}
