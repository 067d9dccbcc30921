namespace MangaAssist.Emulators.ApiGateway.Diagnostics;

/// <summary>
/// The body of <c>GET /_emulator/stats</c>. Integration calls are keyed by route key, then by status code or
/// <c>timeout</c>/<c>error</c>; PostToConnection results by status code.
/// </summary>
public sealed record StatsSnapshot(
    long ConnectionsOpened,
    long ConnectionsClosed,
    long ConnectionsActive,
    long ConnectionsRejected,
    long MessagesReceived,
    long MessagesTooBig,
    IReadOnlyDictionary<string, Dictionary<string, long>> IntegrationCalls,
    IReadOnlyDictionary<string, long> PostToConnection,
    long MessagesSent,
    long BytesSent,
    long LargestMessageSent,
    long FramesSent);
