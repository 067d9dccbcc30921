using Xunit.Abstractions;

namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>
/// Writes each measured outcome to the test's output and to <c>failover-outcomes.txt</c> beside the test assembly,
/// from which docs/failover-scorecard.md is filled.
/// </summary>
public static class ScenarioRecord
{
    private static readonly Lock Gate = new();

    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "failover-outcomes.txt");

    public static ScenarioOutcome Write(ITestOutputHelper output, ScenarioOutcome outcome, string? extra = null)
    {
        var line = outcome + (extra is null ? "" : " | " + extra);
        output.WriteLine(line);
        lock (Gate)
        {
            File.AppendAllText(FilePath, $"{DateTime.UtcNow:O}\t{line}{Environment.NewLine}");
        }

        return outcome;
    }
}
