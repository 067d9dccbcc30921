namespace MangaAssist.Emulators.Bedrock.Faults;

/// <summary>
/// One rule of <c>POST /_emulator/faults</c>: probabilities (0..1, summing to at most 1) that a chat request without
/// fault markers suffers each fault, for the models whose id contains <see cref="Model"/> (all when null), until
/// <see cref="ExpiresAt"/> when <see cref="DurationMs"/> was given. Mid-stream faults strike after a number of tokens
/// drawn uniformly from [<see cref="FaultAfterTokensMin"/>, <see cref="FaultAfterTokensMax"/>]; a <see cref="Seed"/>
/// makes the draws repeatable. The slowness overrides apply to every matching request, faulted or not.
/// </summary>
public sealed record FaultRule
{
    public double Http503 { get; init; }

    public double Http429 { get; init; }

    public double Http500 { get; init; }

    public double StreamError { get; init; }

    public double StreamThrottle { get; init; }

    public double Reset { get; init; }

    public double Stall { get; init; }

    public double Malformed { get; init; }

    public double NoEnd { get; init; }

    public double ResetBeforeHeaders { get; init; }

    public double Silent { get; init; }

    public double ContentFiltered { get; init; }

    public double Http408 { get; init; }

    // Settable, not init: source-generated JSON builds init-only properties in the object initializer and would
    // write 0 over these defaults when a body leaves them out (a "mid-stream" fault then struck before any token).
    public int FaultAfterTokensMin { get; set; } = 1;

    public int FaultAfterTokensMax { get; set; } = 20;

    public int? Seed { get; init; }

    public string? Model { get; init; }

    public int? DurationMs { get; init; }

    public int? RetryAfterSeconds { get; init; }

    public int? TimeToFirstTokenMs { get; init; }

    public int? TokensPerSecond { get; init; }

    /// <summary>Set by the emulator from <see cref="DurationMs"/>; not accepted in a request.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The order of the draw: the original kinds first, so seeded sequences from before the newer kinds stay the same.</summary>
    internal IEnumerable<(FaultKind Kind, double Rate)> Rates =>
    [
        (FaultKind.Http503, Http503),
        (FaultKind.Http429, Http429),
        (FaultKind.Http500, Http500),
        (FaultKind.StreamError, StreamError),
        (FaultKind.StreamThrottle, StreamThrottle),
        (FaultKind.Reset, Reset),
        (FaultKind.Stall, Stall),
        (FaultKind.Malformed, Malformed),
        (FaultKind.NoEnd, NoEnd),
        (FaultKind.ResetBeforeHeaders, ResetBeforeHeaders),
        (FaultKind.Silent, Silent),
        (FaultKind.ContentFiltered, ContentFiltered),
        (FaultKind.Http408, Http408),
    ];

    internal bool HasRates => Rates.Any(r => r.Rate > 0);

    /// <summary>Every problem with this rule, empty when it is usable.</summary>
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

        AddIfNegative(problems, "retryAfterSeconds", RetryAfterSeconds);
        AddIfNegative(problems, "timeToFirstTokenMs", TimeToFirstTokenMs);
        AddIfNegative(problems, "tokensPerSecond", TokensPerSecond);
        if (DurationMs is <= 0)
        {
            problems.Add("durationMs must be 1 or more (leave it out for a rule that does not expire).");
        }

        if (Model is not null && string.IsNullOrWhiteSpace(Model))
        {
            problems.Add("model must be a non-empty part of a model id (leave it out for every model).");
        }

        return problems;
    }

    private static void AddIfNegative(List<string> problems, string name, int? value)
    {
        if (value is < 0)
        {
            problems.Add($"{name} must be 0 or more.");
        }
    }
}
