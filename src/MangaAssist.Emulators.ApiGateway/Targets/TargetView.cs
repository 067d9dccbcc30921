namespace MangaAssist.Emulators.ApiGateway.Targets;

/// <summary>
/// One target as <c>GET /_emulator/targets</c> shows it; <see cref="Health"/> is <c>healthy</c> or <c>unhealthy</c>, and
/// <see cref="AnsweredCalls"/> counts the integration calls it answered by route key.
/// </summary>
public sealed record TargetView(string BaseUrl, string Health, int ConsecutivePasses, int ConsecutiveFailures, IReadOnlyDictionary<string, long> AnsweredCalls)
{
    internal static TargetView Of(Target target) => new(
        target.BaseUrl,
        target.Health == TargetHealth.Healthy ? "healthy" : "unhealthy",
        target.ConsecutivePasses,
        target.ConsecutiveFailures,
        target.AnsweredCalls);
}
