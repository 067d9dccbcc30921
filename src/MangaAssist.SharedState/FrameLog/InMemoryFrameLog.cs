using System.Runtime.CompilerServices;
using MangaAssist.SharedState.Internal;

namespace MangaAssist.SharedState.FrameLog;

/// <summary>The frame log of one process (no Redis configured).</summary>
internal sealed class InMemoryFrameLog : IFrameLog
{
    private readonly LocalExpiringMap<LocalLog> _logs;
    private readonly FrameLogOptions _options;
    private readonly TimeProvider _timeProvider;

    public InMemoryFrameLog(FrameLogOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logs = new LocalExpiringMap<LocalLog>(timeProvider, options.MaxLocalLogs);
    }

    /// <summary>Drops the logs whose key matches (a shopper's <c>forget</c>); returns how many.</summary>
    internal int RemoveWhere(Func<string, bool> keyMatches) => _logs.RemoveWhere(keyMatches);

    public Task<FrameAppendResult> AppendAsync(string logKey, long seq, ReadOnlyMemory<byte> frame, bool isTerminal, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(logKey);
        ArgumentOutOfRangeException.ThrowIfNegative(seq);
        var log = _logs.Update(logKey, _options.Ttl, static (existing, found) =>
        {
            var target = found ? existing! : new LocalLog();
            return (target, target);
        });

        // Copied here, before returning: the caller reuses its buffer.
        var result = log.Append(seq, frame.Span, isTerminal, _options.MaxFrames, _timeProvider.GetUtcNow());
        log.Changed.Pulse();
        return Task.FromResult(result);
    }

    public async IAsyncEnumerable<LoggedFrame> ReadAfterAsync(string logKey, long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(logKey);
        if (!_logs.TryGet(logKey, out var log))
        {
            throw new FrameLogReadException(FrameLogReadFailure.NotFound, logKey);
        }

        var cursor = afterSeq;
        while (true)
        {
            var changed = log.Changed.NextChange;
            var snapshot = log.ReadAfter(cursor);
            if (snapshot.Frames.Count > 0 && snapshot.Frames[0].Seq != cursor + 1)
            {
                throw new FrameLogReadException(FrameLogReadFailure.Truncated, logKey);
            }

            foreach (var frame in snapshot.Frames)
            {
                cursor = frame.Seq;
                yield return frame;
                if (frame.IsTerminal)
                {
                    yield break;
                }
            }

            if (snapshot.Frames.Count > 0)
            {
                continue;
            }

            switch (snapshot.State)
            {
                case LogState.Ended:
                    yield break;
                case LogState.Incomplete:
                    throw new FrameLogReadException(FrameLogReadFailure.Incomplete, logKey);
            }

            var silentFor = _timeProvider.GetUtcNow() - snapshot.LastAppendAt;
            if (silentFor >= _options.WriterSilenceTimeout)
            {
                throw new FrameLogReadException(FrameLogReadFailure.WriterSilent, logKey);
            }

            await changed.WaitAsync(_options.WriterSilenceTimeout - silentFor, _timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private enum LogState
    {
        Open,
        Ended,
        Incomplete,
    }

    private readonly record struct Snapshot(List<LoggedFrame> Frames, LogState State, DateTimeOffset LastAppendAt);

    /// <summary>
    /// One answer's frames, back to back in one growing array with their end offsets beside them: a log is
    /// three objects however many frames it holds, not a node and an array per frame. Logs live for seconds to
    /// minutes, past several gen0 collections, so every object in them is one the GC copies again and again.
    /// Written bytes never change and arrays are never reused, so a reader's slices stay valid after growth.
    /// </summary>
    private sealed class LocalLog
    {
        private readonly Lock _gate = new();
        private byte[] _bytes = new byte[2048];
        private int[] _ends = new int[32];
        private int _count;        // frames written: seq 0 … _count - 1 (the seq is the index)
        private int _firstKept;    // frames before this seq were dropped by MaxFrames
        private LogState _state;
        private DateTimeOffset _lastAppendAt;

        public ChangeSignal Changed { get; } = new();

        public FrameAppendResult Append(long seq, ReadOnlySpan<byte> frame, bool isTerminal, int maxFrames, DateTimeOffset now)
        {
            lock (_gate)
            {
                if (seq < _count)
                {
                    return FrameAppendResult.AlreadyAppended;
                }

                if (_state != LogState.Open)
                {
                    return FrameAppendResult.Closed;
                }

                _lastAppendAt = now;
                if (seq != _count)
                {
                    _state = LogState.Incomplete;
                    return FrameAppendResult.Gap;
                }

                var start = _count == 0 ? 0 : _ends[_count - 1];
                if (start + frame.Length > _bytes.Length)
                {
                    Array.Resize(ref _bytes, Math.Max(start + frame.Length, _bytes.Length * 2));
                }

                if (_count == _ends.Length)
                {
                    Array.Resize(ref _ends, _ends.Length * 2);
                }

                frame.CopyTo(_bytes.AsSpan(start));
                _ends[_count++] = start + frame.Length;
                if (_count - _firstKept > maxFrames)
                {
                    _firstKept++;
                }

                if (isTerminal)
                {
                    _state = LogState.Ended;
                }

                return FrameAppendResult.Appended;
            }
        }

        public Snapshot ReadAfter(long afterSeq)
        {
            lock (_gate)
            {
                var frames = new List<LoggedFrame>();
                var from = (int)Math.Clamp(afterSeq + 1, _firstKept, _count);
                for (var i = from; i < _count; i++)
                {
                    var start = i == 0 ? 0 : _ends[i - 1];
                    var isTerminal = i == _count - 1 && _state == LogState.Ended;
                    frames.Add(new LoggedFrame(i, _bytes.AsMemory(start, _ends[i] - start), isTerminal));
                }

                return new Snapshot(frames, _state, _lastAppendAt);
            }
        }
    }
}
