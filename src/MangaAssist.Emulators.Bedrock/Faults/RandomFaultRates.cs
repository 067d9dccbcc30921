namespace MangaAssist.Emulators.Bedrock.Faults;

/// <summary>
/// Probabilities (0..1, summing to at most 1) that a chat request without fault markers suffers each fault.
/// Mid-stream faults strike after a number of tokens drawn uniformly from
/// [<see cref="FaultAfterTokensMin"/>, <see cref="FaultAfterTokensMax"/>]. A <see cref="Seed"/> makes the
/// sequence of draws repeatable.
/// </summary>
public sealed record RandomFaultRates
{
    public double Http503 { get; init; }

    public double Http429 { get; init; }

    public double Http500 { get; init; }

    public double StreamError { get; init; }

    public double StreamThrottle { get; init; }

    public double Reset { get; init; }

    public double Stall { get; init; }

    public int FaultAfterTokensMin { get; init; } = 1;

    public int FaultAfterTokensMax { get; init; } = 20;

    public int? Seed { get; init; }

    public static RandomFaultRates None { get; } = new();

    internal IEnumerable<(FaultKind Kind, double Rate)> Rates =>
    [
        (FaultKind.Http503, Http503),
        (FaultKind.Http429, Http429),
        (FaultKind.Http500, Http500),
        (FaultKind.StreamError, StreamError),
        (FaultKind.StreamThrottle, StreamThrottle),
        (FaultKind.Reset, Reset),
        (FaultKind.Stall, Stall),
    ];

    /// <summary>Every problem with these rates, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (kind, rate) in Rates)
        {
            if (double.IsNaN(rate) || rate is < 0 or > 1)
            {
                problems.Add($"{FaultKinds.StatsName(kind)} must be between 0 and 1 (was {rate}).");
            }
        }

        var sum = Rates.Sum(r => r.Rate);
        if (sum > 1 + 1e-9)
        {
            problems.Add($"The rates add up to {sum}; at most one fault strikes a request, so they must add up to 1 or less.");
        }

        if (FaultAfterTokensMin < 0)
        {
            problems.Add("faultAfterTokensMin must be 0 or more.");
        }

        if (FaultAfterTokensMax < FaultAfterTokensMin)
        {
            problems.Add("faultAfterTokensMax must be at least faultAfterTokensMin.");
        }

        return problems;
    }
}
