using System.Collections.Concurrent;
using MangaAssist.Aws.Http;

namespace MangaAssist.Aws.ApiGatewayManagement;

/// <summary>
/// The <c>@connections/{id}</c> target of each live connection, built once: an answer posts dozens of frames to the
/// same connection, and escaping the id, joining the path and parsing the Uri was most of a post's own allocation.
/// Bounded: past <see cref="Capacity"/> new entries the map starts over (connections churn; a miss only rebuilds one).
/// </summary>
internal sealed class ConnectionTargets(SignedHttpTransport transport)
{
    /// <summary>More than the streams one task runs at once, so the live connections stay cached between restarts of the map.</summary>
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, RequestTarget> _targets = new(StringComparer.Ordinal);
    private int _added;

    public RequestTarget For(string connectionId)
    {
        if (_targets.TryGetValue(connectionId, out var target))
        {
            return target;
        }

        target = transport.Target(ConnectionPaths.For(connectionId));
        if (Interlocked.Increment(ref _added) > Capacity)
        {
            Interlocked.Exchange(ref _added, 0);
            _targets.Clear();
        }

        _targets.TryAdd(connectionId, target);
        return target;
    }
}
