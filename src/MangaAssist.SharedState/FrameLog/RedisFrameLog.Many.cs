using MangaAssist.SharedState.Redis;
using StackExchange.Redis;

namespace MangaAssist.SharedState.FrameLog;

/// <summary>Frames that queued up while an append was in flight go in together: one script, one round trip.</summary>
internal sealed partial class RedisFrameLog
{
    // KEYS[1] frames; ARGV[1] maxlen, ARGV[2] ttl ms, then per frame: index (seq+1), frame, terminal 1|0. The rules of
    // the single append, frame by frame, with one read of the last entry and one PEXPIRE and PUBLISH at the end.
    // → 1 appended | 0 every frame already there | -1 gap (log marked incomplete) | -2 closed
    private const string AppendManyScript = LuaFunctions.Frames + """
        return append_frames(KEYS[1], ARGV[1], ARGV[2], ARGV, 3, #ARGV)
        """;

    public async Task<FrameAppendResult> AppendManyAsync(string logKey, IReadOnlyList<LoggedFrame> frames, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(logKey);
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 1)
        {
            return await AppendAsync(logKey, frames[0].Seq, frames[0].Frame, frames[0].IsTerminal, cancellationToken);
        }

        var args = new RedisValue[2 + 3 * frames.Count];
        args[0] = _options.MaxFrames;
        args[1] = (long)_options.Ttl.TotalMilliseconds;
        for (var i = 0; i < frames.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(frames[i].Seq);
            args[2 + 3 * i] = frames[i].Seq + 1;
            args[3 + 3 * i] = frames[i].Frame.ToArray();
            args[4 + 3 * i] = frames[i].IsTerminal ? 1 : 0;
        }

        long result;
        try
        {
            result = (long)await _redis.RunAsync("frames.append_many", db => db.ScriptEvaluateAsync(AppendManyScript, [KeyOf(logKey)], args), cancellationToken);
        }
        catch (SharedStateUnavailableException)
        {
            return FrameAppendResult.Unavailable;
        }

        return ResultOf(result, logKey, frames[0].Seq, _logger);
    }
}
