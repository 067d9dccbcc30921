using MangaAssist.SharedState.Redis;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Sessions;

/// <summary>A question and its answer remembered together: one script, one round trip.</summary>
internal sealed partial class RedisSessionMemory
{
    // KEYS[1] session; ARGV[1] max turns, ARGV[2] ttl ms, ARGV[3..] the turns in order
    private const string AppendManyScript = LuaFunctions.Turns + """
        return remember(KEYS[1], ARGV[1], ARGV[2], ARGV, 3, #ARGV)
        """;

    public async Task AppendTurnsAsync(string sessionId, IReadOnlyList<ConversationTurn> turns, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(turns);
        if (turns.Count == 0)
        {
            return;
        }

        var args = new RedisValue[turns.Count + 2];
        args[0] = _options.MaxStoredTurns;
        args[1] = (long)_options.Ttl.TotalMilliseconds;
        for (var i = 0; i < turns.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(turns[i]);
            args[i + 2] = Stored(turns[i]);
        }

        try
        {
            await _redis.RunAsync("session.append", db => db.ScriptEvaluateAsync(AppendManyScript, [KeyOf(sessionId)], args), cancellationToken);
        }
        catch (SharedStateUnavailableException)
        {
            FellBack();
            await ((ISessionMemory)_fallback).AppendTurnsAsync(sessionId, turns, cancellationToken);
        }
    }
}
