using System.Collections.Concurrent;
using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>
/// The answers in progress on this instance, by connection, and the request ids each connection
/// used recently, so the same <c>requestId</c> twice on a connection is answered once.
/// </summary>
public sealed class ChatRequestRegistry
{
    /// <summary>Request ids remembered per connection for duplicate detection.</summary>
    public const int RecentIdsPerConnection = 256;

    private readonly ConcurrentDictionary<string, ConnectionRequests> _connections = new(StringComparer.Ordinal);
    private int _active;

    public int ActiveCount => Volatile.Read(ref _active);

    /// <summary>Registers a new answer; false when this connection already used the request id.</summary>
    public bool TryBegin(string connectionId, string requestId, out ActiveRequest? request, string? principalId = null)
    {
        var connection = _connections.GetOrAdd(connectionId, static _ => new ConnectionRequests());
        lock (connection)
        {
            if (!connection.RecentIds.Add(requestId))
            {
                request = null;
                return false;
            }

            connection.RecentOrder.Enqueue(requestId);
            if (connection.RecentOrder.Count > RecentIdsPerConnection)
            {
                var oldest = connection.RecentOrder.Dequeue();
                if (!connection.Active.ContainsKey(oldest))
                {
                    connection.RecentIds.Remove(oldest);
                }
            }

            request = new ActiveRequest(connectionId, requestId, principalId);
            connection.Active[requestId] = request;
        }

        Interlocked.Increment(ref _active);
        return true;
    }

    /// <summary>Removes a finished answer; its id stays remembered.</summary>
    public void End(ActiveRequest request)
    {
        if (_connections.TryGetValue(request.ConnectionId, out var connection))
        {
            lock (connection)
            {
                connection.Active.Remove(request.RequestId);
            }
        }

        Interlocked.Decrement(ref _active);
        request.Dispose();
    }

    /// <summary>The answer to <paramref name="requestId"/> while it is still being sent on this very connection, else null.</summary>
    public ActiveRequest? Running(string connectionId, string requestId)
    {
        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            return null;
        }

        lock (connection)
        {
            return connection.Active.GetValueOrDefault(requestId);
        }
    }

    public CancelLookup TryCancel(string connectionId, string requestId)
    {
        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            return CancelLookup.Unknown;
        }

        ActiveRequest? request;
        lock (connection)
        {
            if (!connection.Active.TryGetValue(requestId, out request))
            {
                return connection.RecentIds.Contains(requestId) ? CancelLookup.AlreadyFinished : CancelLookup.Unknown;
            }
        }

        request.Cancel(CancelReason.ClientCancelled);
        return CancelLookup.Cancelled;
    }

    /// <summary>
    /// Stops every answer of a connection that went away — after <paramref name="grace"/>, during
    /// which a resumable answer goes on into the frame log for a client that comes back — and
    /// forgets the connection.
    /// </summary>
    public int CancelConnection(string connectionId, TimeSpan grace, TimeProvider timeProvider)
    {
        if (grace <= TimeSpan.Zero)
        {
            return CancelConnection(connectionId);
        }

        var active = Forget(connectionId);
        foreach (var request in active)
        {
            timeProvider.CreateTimer(static state => ((ActiveRequest)state!).Cancel(CancelReason.ClientDisconnected), request, grace, Timeout.InfiniteTimeSpan);
        }

        return active.Length;
    }

    /// <summary>Stops every answer of a connection that went away and forgets the connection.</summary>
    public int CancelConnection(string connectionId)
    {
        var active = Forget(connectionId);
        foreach (var request in active)
        {
            request.Cancel(CancelReason.ClientDisconnected);
        }

        return active.Length;
    }

    /// <summary>Removes the connection and returns the answers it still had running.</summary>
    private ActiveRequest[] Forget(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var connection))
        {
            return [];
        }

        lock (connection)
        {
            return [.. connection.Active.Values];
        }
    }

    /// <summary>Stops every answer of <paramref name="principalId"/> on this instance (<c>forget</c>); returns how many.</summary>
    public int CancelPrincipal(string principalId, CancelReason reason)
    {
        var owned = ActiveOf(principalId);
        foreach (var request in owned)
        {
            request.Cancel(reason);
        }

        return owned.Length;
    }

    /// <summary>Whether an answer of <paramref name="principalId"/> is still running on this instance.</summary>
    public bool HasActive(string principalId) => ActiveOf(principalId).Length > 0;

    private ActiveRequest[] ActiveOf(string principalId)
    {
        var owned = new List<ActiveRequest>();
        foreach (var connection in _connections.Values)
        {
            lock (connection)
            {
                owned.AddRange(connection.Active.Values.Where(r => r.PrincipalId == principalId));
            }
        }

        return [.. owned];
    }

    /// <summary>Stops every answer on this instance (end of the shutdown drain).</summary>
    public void CancelAll(CancelReason reason)
    {
        foreach (var connection in _connections.Values)
        {
            ActiveRequest[] active;
            lock (connection)
            {
                active = [.. connection.Active.Values];
            }

            foreach (var request in active)
            {
                request.Cancel(reason);
            }
        }
    }

    private sealed class ConnectionRequests
    {
        public Dictionary<string, ActiveRequest> Active { get; } = new(StringComparer.Ordinal);

        public HashSet<string> RecentIds { get; } = new(StringComparer.Ordinal);

        public Queue<string> RecentOrder { get; } = new();
    }
}
