namespace MangaAssist.Emulators.Bedrock.Diagnostics;

/// <summary>The body of <c>GET /_emulator/stats</c>; <see cref="RequestsByModel"/> counts model calls by the model id in the path.</summary>
public sealed record StatsSnapshot(
    IReadOnlyDictionary<string, long> Requests,
    long RequestsRejected,
    long StreamsStarted,
    long StreamsCompleted,
    long StreamsAbortedByClient,
    long StreamsFaulted,
    long ActiveStreams,
    long TokensSent,
    IReadOnlyDictionary<string, long> FaultsInjected,
    IReadOnlyDictionary<string, long> RequestsByModel);
