using System.Runtime.CompilerServices;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Internal;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MangaAssist.SharedState.FrameLog;

/// <summary>
/// One Redis stream per log, <c>{prefix}frames:{key}</c>, whose entry ids are <c>0-{seq+1}</c>: the id is the
/// seq, so the append script refuses duplicates and gaps atomically, and a reader's cursor is a seq. The
/// stream's name is also the pub/sub channel announcing appends.
/// <para>
/// Catch-up to live hand-over: a reader subscribes first, then reads everything after its cursor with XRANGE,
/// and reads again from its cursor on every notification (or poll interval). A frame appended while the
/// backlog is read is either in that read or announced after the subscription, and the cursor drops what was
/// already delivered, so there is no gap and no duplicate.
/// </para>
/// No local fallback: a resume served from a partial local copy would break the no-gap promise, so appends
/// report <see cref="FrameAppendResult.Unavailable"/> and reads fail with <see cref="FrameLogReadFailure.Unavailable"/>.
/// </summary>
internal sealed partial class RedisFrameLog : IFrameLog
{
    // KEYS[1] frames; ARGV[1] index (seq+1), ARGV[2] frame, ARGV[3] terminal 1|0, ARGV[4] maxlen, ARGV[5] ttl ms.
    // → 1 appended | 0 already appended | -1 gap (log marked incomplete) | -2 closed
    private const string AppendScript = LuaFunctions.Frames + """
        return append_frames(KEYS[1], ARGV[4], ARGV[5], ARGV, 1, 3)
        """;

    // KEYS[1] frames; ARGV[1] cursor index, ARGV[2] count.
    // → {exists 1|0, pttl, state 0 open|1 ended|2 incomplete, last index, entries}
    private const string ReadScript = """
        local entries = redis.call('XRANGE', KEYS[1], '(0-' .. ARGV[1], '+', 'COUNT', ARGV[2])
        if #entries > 0 then return {1, 0, 0, 0, entries} end
        local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
        if #last == 0 then return {0, 0, 0, 0, entries} end
        local state = 0
        local fields = last[1][2]
        for i = 1, #fields, 2 do
          if fields[i] == 't' then state = 1 elseif fields[i] == 'x' then state = 2 end
        end
        return {1, redis.call('PTTL', KEYS[1]), state, tonumber(string.match(last[1][1], '%-(%d+)$')), entries}
        """;

    private const int ReadBatch = 512;

    private readonly RedisGateway _redis;
    private readonly FrameLogOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public RedisFrameLog(RedisGateway redis, FrameLogOptions options, TimeProvider timeProvider, ILogger<RedisFrameLog> logger)
    {
        _redis = redis;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<FrameAppendResult> AppendAsync(string logKey, long seq, ReadOnlyMemory<byte> frame, bool isTerminal, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(logKey);
        ArgumentOutOfRangeException.ThrowIfNegative(seq);
        var bytes = frame.ToArray();
        long result;
        try
        {
            result = (long)await _redis.RunAsync(
                "frames.append",
                db => db.ScriptEvaluateAsync(
                    AppendScript,
                    [KeyOf(logKey)],
                    [seq + 1, bytes, isTerminal ? 1 : 0, _options.MaxFrames, (long)_options.Ttl.TotalMilliseconds]),
                cancellationToken);
        }
        catch (SharedStateUnavailableException)
        {
            return FrameAppendResult.Unavailable;
        }

        return ResultOf(result, logKey, seq, _logger);
    }

    /// <summary>An append script's answer: 1 appended, 0 already there, −1 a gap (said once), else closed.</summary>
    internal static FrameAppendResult ResultOf(long result, string logKey, long seq, ILogger logger)
    {
        switch (result)
        {
            case 1:
                return FrameAppendResult.Appended;
            case 0:
                return FrameAppendResult.AlreadyAppended;
            case -1:
                Log.FrameLogGap(logger, logKey, seq);
                return FrameAppendResult.Gap;
            default:
                return FrameAppendResult.Closed;
        }
    }

    public async IAsyncEnumerable<LoggedFrame> ReadAfterAsync(string logKey, long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(logKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(afterSeq, -1);
        var key = KeyOf(logKey);
        var subscribed = await Attempt<RedisWakeSubscription>.RunAsync(() => RedisWakeSubscription.SubscribeAsync(_redis, key, cancellationToken));
        if (!subscribed.Succeeded)
        {
            throw new FrameLogReadException(FrameLogReadFailure.Unavailable, logKey);
        }

        using var subscription = subscribed.Value;
        var cursor = afterSeq + 1;
        while (true)
        {
            var notified = subscription.NextNotification;
            var read = await Attempt<RedisResult>.RunAsync(() => _redis.RunAsync(
                "frames.read",
                db => db.ScriptEvaluateAsync(ReadScript, [key], [cursor, ReadBatch]),
                cancellationToken));
            if (!read.Succeeded)
            {
                throw new FrameLogReadException(FrameLogReadFailure.Unavailable, logKey);
            }

            var reply = (RedisResult[])read.Value!;
            if ((long)reply[0] == 0)
            {
                throw new FrameLogReadException(FrameLogReadFailure.NotFound, logKey);
            }

            var entries = IndexedStreamEntry.ParseMany(reply[4]);
            foreach (var entry in entries)
            {
                if (entry.Index != cursor + 1)
                {
                    throw new FrameLogReadException(FrameLogReadFailure.Truncated, logKey);
                }

                if (entry.Has("x"))
                {
                    throw new FrameLogReadException(FrameLogReadFailure.Incomplete, logKey);
                }

                cursor = entry.Index;
                var terminal = entry.Has("t");
                yield return new LoggedFrame(entry.Index - 1, (byte[])entry["f"]!, terminal);
                if (terminal)
                {
                    yield break;
                }
            }

            if (entries.Count > 0)
            {
                continue;
            }

            switch ((long)reply[2])
            {
                case 1:
                    yield break;
                case 2:
                    throw new FrameLogReadException(FrameLogReadFailure.Incomplete, logKey);
            }

            // Each append resets the TTL, so how much of it is gone is how long the writer has been silent.
            var silentFor = _options.Ttl - TimeSpan.FromMilliseconds((long)reply[1]);
            if (silentFor >= _options.WriterSilenceTimeout)
            {
                throw new FrameLogReadException(FrameLogReadFailure.WriterSilent, logKey);
            }

            var wait = TimeSpan.FromTicks(Math.Min(_options.PollInterval.Ticks, (_options.WriterSilenceTimeout - silentFor).Ticks));
            await notified.WaitAsync(wait, _timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private string KeyOf(string logKey) => KeyOf(_redis.KeyPrefix, logKey);

    internal static string KeyOf(string prefix, string logKey) => prefix + "frames:" + logKey;
}
