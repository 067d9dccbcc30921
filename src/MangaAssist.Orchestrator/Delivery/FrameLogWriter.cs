using MangaAssist.SharedState.FrameLog;

namespace MangaAssist.Orchestrator.Delivery;

/// <summary>
/// Keeps a copy of every frame of one answer in the shared frame log, so a client that lost its
/// socket can <c>resume</c> on a new connection, from any instance. The log is an extra: when it
/// fails the answer goes on and only resuming becomes unavailable. Appends are written behind the
/// posts, in order: frames that queue up while one append is in flight go in together, in one round
/// trip, instead of one round trip per frame; a terminal frame's task completes once everything is in.
/// </summary>
public sealed class FrameLogWriter(IFrameLog log, string logKey)
{
    private readonly Lock _gate = new();
    private List<LoggedFrame> _queued = [];
    private Task _writing = Task.CompletedTask;
    private bool _draining;
    private volatile bool _broken;

    /// <summary>Queues a copy of <paramref name="frame"/>; the task completes when it (and every frame before it) is written.</summary>
    public Task AppendAsync(long seq, ReadOnlyMemory<byte> frame, bool isTerminal)
    {
        if (_broken)
        {
            return Task.CompletedTask;
        }

        bool start;
        lock (_gate)
        {
            _queued.Add(new LoggedFrame(seq, frame.ToArray(), isTerminal));
            start = !_draining;
            _draining = true;
        }

        if (start)
        {
            _writing = DrainAsync();
        }

        return _writing;
    }

    /// <summary>Writes what is queued, batch after batch, until nothing is left; never throws.</summary>
    private async Task DrainAsync()
    {
        while (true)
        {
            List<LoggedFrame> batch;
            lock (_gate)
            {
                if (_queued.Count == 0 || _broken)
                {
                    _queued.Clear();
                    _draining = false;
                    return;
                }

                (batch, _queued) = (_queued, []);
            }

            try
            {
                var result = await log.AppendManyAsync(logKey, batch);
                _broken = result is not (FrameAppendResult.Appended or FrameAppendResult.AlreadyAppended);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _broken = true;
            }
        }
    }
}
