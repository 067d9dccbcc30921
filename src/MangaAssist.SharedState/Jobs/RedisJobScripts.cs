namespace MangaAssist.SharedState.Jobs;

/// <summary>
/// The atomic changes of a job hash (<c>status</c> 0 queued, 1 running, 2 succeeded, 3 failed, 4 cancelled;
/// ≥ 2 is terminal and final). Every change bumps <c>version</c> and stamps <c>updated</c> (ARGV[1], ms).
/// </summary>
internal static class RedisJobScripts
{
    // KEYS[1] job, KEYS[2] idempotency key, KEYS[3] the owner's job ids, KEYS[4] the owner's idempotency keys (both for forget);
    // ARGV[2] ttl ms, ARGV[3] job id, ARGV[4] 1 when KEYS[2] counts, ARGV[5..] field/value pairs.
    // → the job id that holds: the new one, or the one the idempotency key already named (all expire together).
    public const string Create = """
        if ARGV[4] == '1' then
          local existing = redis.call('GET', KEYS[2])
          if existing then return existing end
        end
        redis.call('HSET', KEYS[1], unpack(ARGV, 5))
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        redis.call('SADD', KEYS[3], ARGV[3])
        redis.call('PEXPIRE', KEYS[3], ARGV[2])
        if ARGV[4] == '1' then
          redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[2])
          redis.call('SADD', KEYS[4], KEYS[2])
          redis.call('PEXPIRE', KEYS[4], ARGV[2])
        end
        return ARGV[3]
        """;

    // KEYS[1] job → 1 running | 0 terminal or unknown.
    public const string Start = """
        local status = tonumber(redis.call('HGET', KEYS[1], 'status'))
        if not status or status >= 2 then return 0 end
        redis.call('HSET', KEYS[1], 'status', 1, 'updated', ARGV[1])
        redis.call('HINCRBY', KEYS[1], 'attempts', 1)
        redis.call('HINCRBY', KEYS[1], 'version', 1)
        return 1
        """;

    // KEYS[1] job; ARGV[2] progress → 1 cancel asked or the record is gone (forgotten, expired) | 0 go on.
    public const string Progress = """
        local status = tonumber(redis.call('HGET', KEYS[1], 'status'))
        if not status then return 1 end
        if status ~= 1 then return 0 end
        if redis.call('HGET', KEYS[1], 'progress') ~= ARGV[2] then
          redis.call('HSET', KEYS[1], 'progress', ARGV[2], 'updated', ARGV[1])
          redis.call('HINCRBY', KEYS[1], 'version', 1)
        end
        return tonumber(redis.call('HGET', KEYS[1], 'cancel'))
        """;

    // KEYS[1] job; ARGV[2] status, ARGV[3..] field/value pairs → 1 ended now | 0 had ended.
    public const string Finish = """
        local status = tonumber(redis.call('HGET', KEYS[1], 'status'))
        if not status or status >= 2 then return 0 end
        redis.call('HSET', KEYS[1], 'status', ARGV[2], 'updated', ARGV[1], unpack(ARGV, 3))
        redis.call('HINCRBY', KEYS[1], 'version', 1)
        return 1
        """;

    // KEYS[1] job; ARGV[2] code, ARGV[3] message → 2 cancelled now | 1 asked | 0 terminal or unknown.
    public const string Cancel = """
        local status = tonumber(redis.call('HGET', KEYS[1], 'status'))
        if not status or status >= 2 then return 0 end
        redis.call('HINCRBY', KEYS[1], 'version', 1)
        if status == 0 then
          redis.call('HSET', KEYS[1], 'status', 4, 'cancel', 1, 'ecode', ARGV[2], 'emsg', ARGV[3], 'updated', ARGV[1])
          return 2
        end
        redis.call('HSET', KEYS[1], 'cancel', 1, 'updated', ARGV[1])
        return 1
        """;
}
