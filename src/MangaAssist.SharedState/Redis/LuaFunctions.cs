namespace MangaAssist.SharedState.Redis;

/// <summary>
/// The Lua bodies of every shared-state write, as local functions: each capability's own script and the per-phase
/// scripts of an answer (<c>Phases/PhaseScripts</c>) are built from the same bodies, so a rule lives in one place.
/// </summary>
internal static class LuaFunctions
{
    /// <summary><c>now_ms()</c>: Redis's own clock, so instances with skewed clocks agree.</summary>
    public const string Clock = """
        local function now_ms()
          local time = redis.call('TIME')
          return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        end

        """;

    /// <summary>
    /// <c>take(key, capacity, refill per ms, permits, mode, now)</c> on a token bucket hash (<c>tk</c>, <c>ts</c>): mode
    /// <c>'a'</c> takes only when there are enough (a refusal changes nothing), <c>'c'</c> takes anyway, down to −capacity.
    /// → allowed 1|0, retry after ms, tokens left.
    /// </summary>
    public const string Bucket = Clock + """
        local function take(key, capacity, rate, permits, mode, now)
          local bucket = redis.call('HMGET', key, 'tk', 'ts')
          local tokens = tonumber(bucket[1])
          local at = tonumber(bucket[2])
          if tokens == nil or at == nil then tokens = capacity; at = now end
          tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
          if mode == 'c' then
            tokens = math.max(-capacity, tokens - permits)
          elseif tokens >= permits then
            tokens = tokens - permits
          else
            return 0, math.ceil((permits - tokens) / rate), tokens
          end
          redis.call('HSET', key, 'tk', string.format('%.17g', tokens), 'ts', now)
          redis.call('PEXPIRE', key, math.ceil((capacity - math.min(tokens, 0)) / rate) + 1000)
          return 1, 0, tokens
        end

        """;

    /// <summary>
    /// <c>append_frames(key, maxlen, ttl, args, from, to)</c>: the frames <c>args[from..to]</c> as triples (index = seq+1,
    /// frame, terminal 1|0), checked against the last entry (a repeat is skipped, a gap marks the log incomplete, nothing
    /// follows a terminal frame), then one PEXPIRE and one PUBLISH. → 1 appended | 0 all there | -1 gap | -2 closed.
    /// </summary>
    public const string Frames = """
        local function append_frames(key, maxlen, ttl, args, from, to)
          local last = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)
          local lastIndex = 0
          local closed = nil
          if #last > 0 then
            lastIndex = tonumber(string.match(last[1][1], '%-(%d+)$'))
            local fields = last[1][2]
            for i = 1, #fields, 2 do
              if fields[i] == 't' then closed = 't' elseif fields[i] == 'x' then closed = 'x' end
            end
          end
          local result = 1
          local wrote = false
          for i = from, to, 3 do
            local index = tonumber(args[i])
            if index <= lastIndex and (closed ~= 'x' or index < lastIndex) then
              -- already appended: nothing changes
            elseif closed then
              result = -2
              break
            elseif index ~= lastIndex + 1 then
              redis.call('XADD', key, 'MAXLEN', maxlen, '0-' .. (lastIndex + 1), 'x', '1')
              lastIndex = lastIndex + 1
              wrote = true
              result = -1
              break
            else
              if args[i + 2] == '1' then
                redis.call('XADD', key, 'MAXLEN', maxlen, '0-' .. index, 'f', args[i + 1], 't', '1')
                closed = 't'
              else
                redis.call('XADD', key, 'MAXLEN', maxlen, '0-' .. index, 'f', args[i + 1])
              end
              lastIndex = index
              wrote = true
            end
          end
          if wrote then
            redis.call('PEXPIRE', key, ttl)
            redis.call('PUBLISH', key, lastIndex)
          elseif result == 1 then
            return 0
          end
          return result
        end

        """;

    /// <summary><c>join_flight(lease, id, ms)</c>: SET NX PX. → {1, id} leads | {0, current id} follows.</summary>
    public const string FlightJoin = """
        local function join_flight(lease, id, ms)
          if redis.call('SET', lease, id, 'NX', 'PX', ms) then return {1, id} end
          return {0, redis.call('GET', lease)}
        end

        """;

    /// <summary>
    /// <c>publish_flight(lease, events, id, index, kind t|c|f, data, maxlen, ttl, linger)</c>: one event at
    /// <c>0-{index}</c> while the lease names the flight; a completion keeps the lease for the linger, a failure drops it.
    /// → 1 added | 0 already added | -1 lease lost.
    /// </summary>
    public const string FlightPublish = """
        local function publish_flight(lease, events, id, index, kind, data, maxlen, ttl, linger)
          if redis.call('GET', lease) ~= id then return -1 end
          local entry = '0-' .. index
          local added = redis.pcall('XADD', events, 'MAXLEN', maxlen, entry, 'k', kind, 'd', data)
          if type(added) == 'table' and added.err then return 0 end
          redis.call('PEXPIRE', events, ttl)
          if kind == 'c' then
            if tonumber(linger) > 0 then redis.call('SET', lease, id, 'PX', linger) else redis.call('DEL', lease) end
          elseif kind == 'f' then
            redis.call('DEL', lease)
          end
          redis.call('PUBLISH', events, entry)
          return 1
        end

        """;

    /// <summary><c>remember(key, max turns, ttl, args, from, to)</c>: RPUSH the turns, LTRIM, PEXPIRE.</summary>
    public const string Turns = """
        local function remember(key, maxTurns, ttl, args, from, to)
          redis.call('RPUSH', key, unpack(args, from, to))
          redis.call('LTRIM', key, -tonumber(maxTurns), -1)
          return redis.call('PEXPIRE', key, ttl)
        end

        """;

    /// <summary>
    /// <c>take_lease(stream, attachment, group, consumer, work id, value, ttl)</c>: a unit of leased work enqueued with its
    /// attachment and taken by <c>consumer</c> at once (the group is made on the way: a flushed Redis loses it; nobody
    /// else reads '&gt;' on such a queue, so the one entry read is the one just added). → the entry id.
    /// </summary>
    public const string LeaseTake = """
        local function take_lease(stream, attachment, group, consumer, work, value, ttl)
          pcall(redis.call, 'XGROUP', 'CREATE', stream, group, '$', 'MKSTREAM')
          redis.call('SET', attachment, value, 'PX', ttl)
          local id = redis.call('XADD', stream, '*', 'w', work, 'a', attachment)
          redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', 1, 'STREAMS', stream, '>')
          return id
        end

        """;

    /// <summary><c>complete_lease(stream, attachment or nil, group, entry id)</c>: the unit and its attachment removed for good.</summary>
    public const string LeaseComplete = """
        local function complete_lease(stream, attachment, group, id)
          redis.call('XACK', stream, group, id)
          redis.call('XDEL', stream, id)
          if attachment then redis.call('DEL', attachment) end
          return 1
        end

        """;
}
