using MangaAssist.SharedState.Redis;

namespace MangaAssist.SharedState.Work;

/// <summary>
/// The scripts of the leased-work calls; the bodies of enqueue-and-take and complete are the functions in
/// <see cref="LuaFunctions"/>, which the answer's phase scripts compose too. Each is one round trip. Stream entries carry <c>w</c> (the work id) and, when
/// the unit has one, <c>a</c> (its attachment's key).
/// </summary>
internal static class LeaseScripts
{
    /// <summary>The consumer a handed-over lease is parked on until a peer claims it (spelled out in <see cref="HandOver"/>).</summary>
    public const string HandOverConsumer = "handover";

    /// <summary>Idle time given to a handed-over lease: beyond any visibility timeout, so the next claim pass takes it.</summary>
    public const long HandOverIdleMs = 24L * 60 * 60 * 1000;

    /// <summary>
    /// KEYS[1] stream, KEYS[2] attachment; ARGV[1] group, ARGV[2] consumer, ARGV[3] work id, ARGV[4] attachment value,
    /// ARGV[5] attachment time to live (ms) → the entry id. The group is made on the way (a flushed Redis loses it);
    /// nobody else reads '&gt;' on such a queue, so the one entry read is the one just added.
    /// </summary>
    public const string EnqueueAndTake = LuaFunctions.LeaseTake + """
        return take_lease(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5])
        """;

    /// <summary>KEYS[1] stream, KEYS[2] attachment (optional); ARGV[1] group, ARGV[2] entry id → 1.</summary>
    public const string Complete = LuaFunctions.LeaseComplete + """
        return complete_lease(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
        """;

    /// <summary>
    /// One claim pass: a read of the consumer's own pending entries ('0', never '&gt;': it only refreshes the consumer's
    /// seen-time, which XAUTOCLAIM does not, and that tells a draining peer this one is alive), XAUTOCLAIM, and the
    /// attachment of each claimed entry. KEYS[1] stream; ARGV[1] group, ARGV[2] consumer, ARGV[3] min idle (ms),
    /// ARGV[4] cursor, ARGV[5] count → {next cursor, {entry id, work id, attachment key, attachment} …}, absent
    /// fields nil (an entry completed meanwhile has no work id).
    /// </summary>
    public const string ClaimStale = """
        redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '0')
        local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], 'COUNT', ARGV[5])
        local out = {claimed[1]}
        for _, entry in ipairs(claimed[2]) do
          if entry then
            local work, attachment, value = false, false, false
            for i = 1, #(entry[2] or {}), 2 do
              if entry[2][i] == 'w' then work = entry[2][i + 1] elseif entry[2][i] == 'a' then attachment = entry[2][i + 1] end
            end
            if attachment then value = redis.call('GET', attachment) end
            out[#out + 1] = {entry[1], work, attachment, value}
          end
        end
        return out
        """;

    /// <summary>
    /// KEYS[1] stream; ARGV[1] group, ARGV[2] entry id, ARGV[3] holder, ARGV[4] idle (ms), ARGV[5] wake channel
    /// → 1 handed over | 0 not this holder's any more.
    /// </summary>
    public const string HandOver = """
        local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
        if #pending == 0 or pending[1][2] ~= ARGV[3] then return 0 end
        redis.call('XCLAIM', KEYS[1], ARGV[1], 'handover', 0, ARGV[2], 'IDLE', ARGV[4], 'JUSTID')
        redis.call('PUBLISH', ARGV[5], ARGV[2])
        return 1
        """;
}
