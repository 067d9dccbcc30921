namespace MangaAssist.Emulators.ApiGateway.Faults;

/// <summary>Random fault rates for PostToConnection, set through <c>POST /_emulator/faults</c>.</summary>
internal sealed record FaultSettings
{
    public static FaultSettings None { get; } = new();

    /// <summary>Share of PostToConnection calls answered 429 LimitExceededException (0–1).</summary>
    public double PostToConnection429 { get; init; }

    /// <summary>Share of PostToConnection calls answered 500 InternalServerErrorException (0–1).</summary>
    public double PostToConnection500 { get; init; }

    /// <summary>Delay added before every PostToConnection is handled, in milliseconds.</summary>
    public int PostToConnectionDelayMs { get; init; }

    /// <summary>Seed of the random draws, so a fault sequence can be repeated.</summary>
    public int Seed { get; init; } = 1;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (PostToConnection429 is < 0 or > 1 || double.IsNaN(PostToConnection429))
        {
            problems.Add("postToConnection429 must be between 0 and 1.");
        }

        if (PostToConnection500 is < 0 or > 1 || double.IsNaN(PostToConnection500))
        {
            problems.Add("postToConnection500 must be between 0 and 1.");
        }

        if (PostToConnection429 + PostToConnection500 > 1)
        {
            problems.Add("postToConnection429 + postToConnection500 must not exceed 1.");
        }

        if (PostToConnectionDelayMs is < 0 or > 60_000)
        {
            problems.Add("postToConnectionDelayMs must be between 0 and 60000.");
        }

        return problems;
    }
}
