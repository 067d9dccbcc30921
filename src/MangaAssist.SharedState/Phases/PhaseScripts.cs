using MangaAssist.SharedState.Redis;

namespace MangaAssist.SharedState.Phases;

/// <summary>The answer's per-phase scripts, built from the capabilities' own Lua bodies (<see cref="LuaFunctions"/>).</summary>
internal static class PhaseScripts
{
    /// <summary>
    /// KEYS: the n buckets, then the session (when turns are read), then this minute's and the last minute's spend (when
    /// read), then the lease's queue and attachment (when taken), then the frame log (when the start frame is written).
    /// ARGV[1] n, ARGV[2] turns to read (0: none), ARGV[3] read spend 1|0, ARGV[4] take a lease 1|0, ARGV[5] write the start
    /// frame 1|0, then capacity and refill per ms of each bucket, then the lease's group, consumer, work id, attachment and
    /// its ttl ms (when taken), then the log's maxlen, ttl ms and the start frame (when written).
    /// → {index of the refusing bucket or -1, retry after ms, its tokens, turns, spend now, spend before, lease entry id,
    /// start frame result (append_frames; 1 written)}
    /// </summary>
    public const string Admit = LuaFunctions.Bucket + LuaFunctions.LeaseTake + LuaFunctions.Frames + """
        local n = tonumber(ARGV[1])
        local now = now_ms()
        for i = 1, n do
          local allowed, retry, tokens = take(KEYS[i], tonumber(ARGV[4 + 2 * i]), tonumber(ARGV[5 + 2 * i]), 1, 'a', now)
          if allowed == 0 then return {i - 1, retry, string.format('%.17g', tokens), {}, '', '', '', 0} end
        end
        local k = n + 1
        local turns = {}
        if tonumber(ARGV[2]) > 0 then
          turns = redis.call('LRANGE', KEYS[k], -tonumber(ARGV[2]), -1)
          k = k + 1
        end
        local spendNow, spendBefore = '', ''
        if ARGV[3] == '1' then
          spendNow = redis.call('GET', KEYS[k]) or ''
          spendBefore = redis.call('GET', KEYS[k + 1]) or ''
          k = k + 2
        end
        local lease = ''
        local a = 6 + 2 * n
        if ARGV[4] == '1' then
          lease = take_lease(KEYS[k], KEYS[k + 1], ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4])
          k = k + 2
          a = a + 5
        end
        local start = 0
        if ARGV[5] == '1' then
          -- the start frame as index 1 (seq 0), not terminal: the log of an admitted answer exists before its first post
          start = append_frames(KEYS[k], ARGV[a], ARGV[a + 1], {'1', ARGV[a + 2], '0'}, 1, 1)
        end
        return {-1, 0, '0', turns, spendNow, spendBefore, lease, start}
        """;

    /// <summary>KEYS[1] answer, KEYS[2] flight lease; ARGV[1] new flight id, ARGV[2] lease ms. → {2, answer} | {1, id} leads | {0, id} follows</summary>
    public const string Lookup = LuaFunctions.FlightJoin + """
        local stored = redis.call('GET', KEYS[1])
        if stored then return {2, stored} end
        return join_flight(KEYS[2], ARGV[1], ARGV[2])
        """;

    /// <summary>
    /// ARGV[1] the plan, one letter per part in order; each part takes the next keys and arguments:
    /// F frames (1 key; maxlen, ttl ms, count, then index, frame, terminal of each),
    /// E flight event (2 keys: lease, events; flight id, index, kind, data, maxlen, ttl ms, linger ms),
    /// A cached answer (1 key; value, ttl ms), C charge (1 key; capacity, refill per ms, permits),
    /// S spend (1 key; micros, ttl ms), R remember (1 key; max turns, ttl ms, count, then the turns),
    /// K lease completed (1 or 2 keys: queue, attachment; group, entry id, with attachment 1|0).
    /// → {frames result (1 without frames), lowest flight result (1 without events)}
    /// </summary>
    public const string Write = LuaFunctions.Bucket + LuaFunctions.Frames + LuaFunctions.FlightPublish + LuaFunctions.Turns + LuaFunctions.LeaseComplete + """
        local k, a = 1, 2
        local frames, flight = 1, 1
        local now = nil
        for p = 1, #ARGV[1] do
          local part = string.sub(ARGV[1], p, p)
          if part == 'F' then
            local count = tonumber(ARGV[a + 2])
            frames = append_frames(KEYS[k], ARGV[a], ARGV[a + 1], ARGV, a + 3, a + 2 + 3 * count)
            k = k + 1
            a = a + 3 + 3 * count
          elseif part == 'E' then
            local r = publish_flight(KEYS[k], KEYS[k + 1], ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5], ARGV[a + 6])
            if r < flight then flight = r end
            k = k + 2
            a = a + 7
          elseif part == 'A' then
            redis.call('SET', KEYS[k], ARGV[a], 'PX', ARGV[a + 1])
            k = k + 1
            a = a + 2
          elseif part == 'C' then
            now = now or now_ms()
            take(KEYS[k], tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), 'c', now)
            k = k + 1
            a = a + 3
          elseif part == 'S' then
            redis.call('INCRBY', KEYS[k], ARGV[a])
            redis.call('PEXPIRE', KEYS[k], ARGV[a + 1])
            k = k + 1
            a = a + 2
          elseif part == 'R' then
            local count = tonumber(ARGV[a + 2])
            remember(KEYS[k], ARGV[a], ARGV[a + 1], ARGV, a + 3, a + 2 + count)
            k = k + 1
            a = a + 3 + count
          elseif part == 'K' then
            if ARGV[a + 2] == '1' then
              complete_lease(KEYS[k], KEYS[k + 1], ARGV[a], ARGV[a + 1])
              k = k + 2
            else
              complete_lease(KEYS[k], nil, ARGV[a], ARGV[a + 1])
              k = k + 1
            end
            a = a + 3
          end
        end
        return {frames, flight}
        """;
}
