using System.Text.Json;
using System.Text.Json.Serialization;
using MangaAssist.SharedState.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Sessions;

/// <summary>
/// One Redis list per session, <c>{prefix}session:{id}</c>, of compact JSON turns: append is one script
/// (RPUSH, LTRIM to <c>MaxStoredTurns</c>, PEXPIRE), a read is one LRANGE of the last <c>maxTurns</c>.
/// While Redis is unavailable, turns are written to and read from this instance's memory.
/// </summary>
internal sealed partial class RedisSessionMemory : ISessionMemory
{
    private const string Capability = "session_memory";

    // KEYS[1] session; ARGV[1] turn, ARGV[2] max turns, ARGV[3] ttl ms
    private const string AppendScript = LuaFunctions.Turns + """
        return remember(KEYS[1], ARGV[2], ARGV[3], ARGV, 1, 1)
        """;

    private readonly RedisGateway _redis;
    private readonly InMemorySessionMemory _fallback;
    private readonly SessionMemoryOptions _options;
    private readonly SharedStateTelemetry _telemetry;
    private readonly ILogger _logger;

    public RedisSessionMemory(RedisGateway redis, InMemorySessionMemory fallback, SessionMemoryOptions options, SharedStateTelemetry telemetry, ILogger<RedisSessionMemory> logger)
    {
        _redis = redis;
        _fallback = fallback;
        _options = options;
        _telemetry = telemetry;
        _logger = logger;
    }

    public async Task AppendTurnAsync(string sessionId, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(turn);
        var stored = Stored(turn);
        try
        {
            await _redis.RunAsync(
                "session.append",
                db => db.ScriptEvaluateAsync(AppendScript, [KeyOf(sessionId)], [stored, _options.MaxStoredTurns, (long)_options.Ttl.TotalMilliseconds]),
                cancellationToken);
        }
        catch (SharedStateUnavailableException)
        {
            FellBack();
            await _fallback.AppendTurnAsync(sessionId, turn, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ConversationTurn>> ReadRecentAsync(string sessionId, int maxTurns, int maxApproxTokens, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        RecentTurns.CheckBounds(maxTurns, maxApproxTokens);
        if (maxTurns == 0)
        {
            return [];
        }

        RedisValue[] values;
        try
        {
            values = await _redis.RunAsync("session.read", db => db.ListRangeAsync(KeyOf(sessionId), -maxTurns, -1), cancellationToken);
        }
        catch (SharedStateUnavailableException)
        {
            FellBack();
            return await _fallback.ReadRecentAsync(sessionId, maxTurns, maxApproxTokens, cancellationToken);
        }

        return Parse(values, sessionId, maxTurns, maxApproxTokens, _logger);
    }

    /// <summary>Stored turns (oldest first) as the newest that fit the bounds; an unreadable one is skipped and logged.</summary>
    internal static IReadOnlyList<ConversationTurn> Parse(RedisValue[] values, string sessionId, int maxTurns, int maxApproxTokens, ILogger logger)
    {
        var turns = new List<ConversationTurn>(values.Length);
        foreach (var value in values)
        {
            try
            {
                var stored = JsonSerializer.Deserialize((byte[])value!, StoredTurnContext.Default.StoredTurn);
                if (stored is not null)
                {
                    turns.Add(new ConversationTurn(stored.R == "u" ? TurnRole.User : TurnRole.Assistant, stored.T));
                }
            }
            catch (JsonException ex)
            {
                Log.UnreadableValue(logger, Capability, sessionId, ex);
            }
        }

        return RecentTurns.Select(turns, maxTurns, maxApproxTokens);
    }

    internal static byte[] Stored(ConversationTurn turn) =>
        JsonSerializer.SerializeToUtf8Bytes(new StoredTurn(turn.Role == TurnRole.User ? "u" : "a", turn.Text), StoredTurnContext.Default.StoredTurn);

    private string KeyOf(string sessionId) => KeyOf(_redis.KeyPrefix, sessionId);

    internal static string KeyOf(string prefix, string sessionId) => prefix + "session:" + sessionId;

    private void FellBack()
    {
        _telemetry.RecordFallback(Capability);
        Log.FellBack(_logger, Capability);
    }

    internal sealed record StoredTurn(string R, string T);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RedisSessionMemory.StoredTurn))]
internal sealed partial class StoredTurnContext : JsonSerializerContext;
