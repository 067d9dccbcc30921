namespace MangaAssist.Emulators.ApiGateway.Integration;

internal enum IntegrationOutcomeKind
{
    Succeeded,
    ErrorStatus,
    Failed,
    TimedOut,
}

/// <summary>What an integration call produced; errors are values, not exceptions.</summary>
internal sealed record IntegrationOutcome(IntegrationOutcomeKind Kind, int StatusCode, byte[] Body)
{
    public static IntegrationOutcome Failed { get; } = new(IntegrationOutcomeKind.Failed, 0, []);

    public static IntegrationOutcome TimedOut { get; } = new(IntegrationOutcomeKind.TimedOut, 0, []);

    /// <summary>Label used by the statistics: the status code, or <c>timeout</c> / <c>error</c>.</summary>
    public string StatsLabel => Kind switch
    {
        IntegrationOutcomeKind.TimedOut => "timeout",
        IntegrationOutcomeKind.Failed => "error",
        _ => StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
