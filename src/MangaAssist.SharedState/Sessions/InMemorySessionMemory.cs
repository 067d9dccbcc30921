using MangaAssist.SharedState.Internal;

namespace MangaAssist.SharedState.Sessions;

/// <summary>Session turns of one process.</summary>
internal sealed class InMemorySessionMemory : ISessionMemory
{
    private readonly LocalExpiringMap<ConversationTurn[]> _sessions;
    private readonly SessionMemoryOptions _options;

    public InMemorySessionMemory(SessionMemoryOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _sessions = new LocalExpiringMap<ConversationTurn[]>(timeProvider, options.MaxLocalSessions);
    }

    public Task AppendTurnAsync(string sessionId, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(turn);
        _sessions.Update(sessionId, _options.Ttl, (turns, found) =>
        {
            var kept = (found ? turns! : []).Append(turn).TakeLast(_options.MaxStoredTurns).ToArray();
            return (kept, true);
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ConversationTurn>> ReadRecentAsync(string sessionId, int maxTurns, int maxApproxTokens, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        RecentTurns.CheckBounds(maxTurns, maxApproxTokens);
        return Task.FromResult(_sessions.TryGet(sessionId, out var turns)
            ? RecentTurns.Select(turns, maxTurns, maxApproxTokens)
            : (IReadOnlyList<ConversationTurn>)[]);
    }

    /// <summary>Drops the sessions whose key matches (a shopper's <c>forget</c>); returns how many.</summary>
    internal int RemoveWhere(Func<string, bool> keyMatches) => _sessions.RemoveWhere(keyMatches);
}
