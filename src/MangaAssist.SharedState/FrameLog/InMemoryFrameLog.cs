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

    public Task<FrameAppendResult> AppendAsync(string logKey, long seq, ReadOnlyMemory<byte> frame, bool isTerminal, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(logKey);
        ArgumentOutOfRangeException.ThrowIfNegative(seq);
        var copy = frame.ToArray();
        var now = _timeProvider.GetUtcNow();
        var (log, result) = _logs.Update(logKey, _options.Ttl, (existing, found) =>
        {
            var target = found ? existing! : new LocalLog();
            return (target, (target, target.Append(seq, copy, isTerminal, _options.MaxFrames, now)));
        });
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

    private sealed class LocalLog
    {
        private readonly LinkedList<LoggedFrame> _frames = new();
        private long _lastSeq = -1;
        private LogState _state;
        private DateTimeOffset _lastAppendAt;

        public ChangeSignal Changed { get; } = new();

        public FrameAppendResult Append(long seq, byte[] frame, bool isTerminal, int maxFrames, DateTimeOffset now)
        {
            lock (_frames)
            {
                if (seq <= _lastSeq)
                {
                    return FrameAppendResult.AlreadyAppended;
                }

                if (_state != LogState.Open)
                {
                    return FrameAppendResult.Closed;
                }

                _lastAppendAt = now;
                if (seq != _lastSeq + 1)
                {
                    _state = LogState.Incomplete;
                    return FrameAppendResult.Gap;
                }

                _frames.AddLast(new LoggedFrame(seq, frame, isTerminal));
                if (_frames.Count > maxFrames)
                {
                    _frames.RemoveFirst();
                }

                _lastSeq = seq;
                if (isTerminal)
                {
                    _state = LogState.Ended;
                }

                return FrameAppendResult.Appended;
            }
        }

        public Snapshot ReadAfter(long afterSeq)
        {
            lock (_frames)
            {
                return new Snapshot(_frames.Where(f => f.Seq > afterSeq).ToList(), _state, _lastAppendAt);
            }
        }
    }
}
