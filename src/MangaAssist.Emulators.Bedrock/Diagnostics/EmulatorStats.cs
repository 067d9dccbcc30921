using System.Collections.Concurrent;
using MangaAssist.Emulators.Bedrock.Faults;
using MangaAssist.Emulators.Bedrock.Models;

namespace MangaAssist.Emulators.Bedrock.Diagnostics;

/// <summary>Lock-free counters behind <c>GET /_emulator/stats</c>.</summary>
internal sealed class EmulatorStats
{
    /// <summary>Bounds memory when callers send many made-up model ids; the rest are counted under one key.</summary>
    private const int MaxTrackedModels = 256;
    private const string OtherModels = "(other)";

    private readonly ConcurrentDictionary<string, long> _byModel = new(StringComparer.Ordinal);
    private readonly long[] _requests = new long[Enum.GetValues<BedrockOperation>().Length];
    private readonly long[] _faults = new long[Enum.GetValues<FaultKind>().Length];
    private long _rejected;
    private long _streamsStarted;
    private long _streamsCompleted;
    private long _streamsAbortedByClient;
    private long _streamsFaulted;
    private long _activeStreams;
    private long _tokensSent;

    public void RequestReceived(BedrockOperation operation, string modelId)
    {
        Interlocked.Increment(ref _requests[(int)operation]);
        var key = _byModel.Count < MaxTrackedModels || _byModel.ContainsKey(modelId) ? modelId : OtherModels;
        _byModel.AddOrUpdate(key, 1, static (_, count) => count + 1);
    }

    public void RequestRejected() => Interlocked.Increment(ref _rejected);

    public void FaultInjected(FaultKind kind) => Interlocked.Increment(ref _faults[(int)kind]);

    public void StreamStarted()
    {
        Interlocked.Increment(ref _streamsStarted);
        Interlocked.Increment(ref _activeStreams);
    }

    public void StreamEnded(StreamOutcome outcome)
    {
        Interlocked.Decrement(ref _activeStreams);
        switch (outcome)
        {
            case StreamOutcome.Completed:
                Interlocked.Increment(ref _streamsCompleted);
                break;
            case StreamOutcome.ClientAborted:
                Interlocked.Increment(ref _streamsAbortedByClient);
                break;
            default:
                Interlocked.Increment(ref _streamsFaulted);
                break;
        }
    }

    public void TokenSent() => Interlocked.Increment(ref _tokensSent);

    public StatsSnapshot Snapshot() => new(
        Enum.GetValues<BedrockOperation>().ToDictionary(Camel, o => Interlocked.Read(ref _requests[(int)o])),
        Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _streamsStarted),
        Interlocked.Read(ref _streamsCompleted),
        Interlocked.Read(ref _streamsAbortedByClient),
        Interlocked.Read(ref _streamsFaulted),
        Interlocked.Read(ref _activeStreams),
        Interlocked.Read(ref _tokensSent),
        Enum.GetValues<FaultKind>().ToDictionary(FaultKinds.StatsName, k => Interlocked.Read(ref _faults[(int)k])),
        new SortedDictionary<string, long>(_byModel, StringComparer.Ordinal));

    /// <summary>Zeroes every counter except the active streams, which are still running.</summary>
    public void Reset()
    {
        for (var i = 0; i < _requests.Length; i++)
        {
            Interlocked.Exchange(ref _requests[i], 0);
        }

        for (var i = 0; i < _faults.Length; i++)
        {
            Interlocked.Exchange(ref _faults[i], 0);
        }

        _byModel.Clear();
        Interlocked.Exchange(ref _rejected, 0);
        Interlocked.Exchange(ref _streamsStarted, 0);
        Interlocked.Exchange(ref _streamsCompleted, 0);
        Interlocked.Exchange(ref _streamsAbortedByClient, 0);
        Interlocked.Exchange(ref _streamsFaulted, 0);
        Interlocked.Exchange(ref _tokensSent, 0);
    }

    private static string Camel(BedrockOperation operation) =>
        char.ToLowerInvariant(operation.ToString()[0]) + operation.ToString()[1..];
}
