using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.Phases;

namespace MangaAssist.Orchestrator.Delivery;

/// <summary>
/// Keeps a copy of every frame of one answer in the shared frame log, so a client that lost its
/// socket can <c>resume</c> on a new connection, from any instance. The log is an extra: when it
/// fails the answer goes on and only resuming becomes unavailable. Appends are written behind the
/// posts, in order: frames that queue up while one append is in flight go in together, in one round
/// trip, instead of one round trip per frame; a terminal frame's task completes once everything is in.
/// With <see cref="IAnswerPhases"/> (Redis) the first frame goes at once (a resume finds the log), later ones once per
/// batch interval, and the terminal frame's write carries the answer's <see cref="Settlement"/>.
/// </summary>
public sealed class FrameLogWriter(IFrameLog log, string logKey, IAnswerPhases? phases = null, TimeProvider? timeProvider = null)
{
    private readonly Lock _gate = new();
    private List<LoggedFrame> _queued = [];
    private Task _writing = Task.CompletedTask;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _draining;
    private bool _wroteFirst;
    private volatile bool _broken;

    /// <summary>What the answer settles with its terminal frame; null without <see cref="IAnswerPhases"/>.</summary>
    public AnswerSettlement? Settlement { get; } = phases is null ? null : new AnswerSettlement();

    /// <summary>Whether the terminal frame's write settles something, so the client must not see the end before it lands.</summary>
    public bool SettlesWithTerminal => Settlement is { Settled: false, HasWork: true };

    /// <summary>The start frame for the admission's round trip to log (with <see cref="IAnswerPhases"/>); null: this writer logs it.</summary>
    public LoggedStart? StartForAdmission(ReadOnlyMemory<byte> start) => phases is null ? null : new LoggedStart(logKey, start);

    /// <summary>The admission logged the start frame: the next frames wait for the batch interval as any after the first.</summary>
    public void StartLogged() => _wroteFirst = true;

    /// <summary>Queues a copy of <paramref name="frame"/>; the task completes when it (and every frame before it) is written.</summary>
    public Task AppendAsync(long seq, ReadOnlyMemory<byte> frame, bool isTerminal)
    {
        if (_broken)
        {
            return isTerminal ? SettleAloneAsync() : Task.CompletedTask;
        }

        bool start;
        lock (_gate)
        {
            _queued.Add(new LoggedFrame(seq, frame.ToArray(), isTerminal));
            start = !_draining;
            _draining = true;
            if (isTerminal)
            {
                _wake.TrySetResult();
            }
        }

        if (start)
        {
            _writing = DrainAsync();
        }

        return _writing;
    }

    /// <summary>Settles an answer that ends here without a terminal frame (another task finishes it, and completes its lease).</summary>
    public Task SettleHandedOverAsync()
    {
        Settlement?.KeepLease();
        return SettleAloneAsync();
    }

    /// <summary>Writes what is queued now rather than at the end of the batch interval (nobody else will see it sooner).</summary>
    public void Expedite()
    {
        lock (_gate)
        {
            // With nothing queued (the drain took it already) a wake-up would be left over and rush the next frame,
            // which may be one held back for the frame after it.
            if (_queued.Count > 0)
            {
                _wake.TrySetResult();
            }
        }
    }

    /// <summary>Writes what is queued, batch after batch, until nothing is left; never throws.</summary>
    private async Task DrainAsync()
    {
        while (true)
        {
            if (Stop(out var settleAlone))
            {
                if (settleAlone)
                {
                    await SettleAloneAsync();
                }

                return;
            }

            await WaitForBatchAsync();
            List<LoggedFrame> batch;
            lock (_gate)
            {
                (batch, _queued) = (_queued, []);
                if (_wake.Task.IsCompleted)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            try
            {
                var result = await WriteAsync(batch);
                _broken = result is not (FrameAppendResult.Appended or FrameAppendResult.AlreadyAppended);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _broken = true;
            }
        }
    }

    /// <summary>Whether the drain ends: nothing queued, or the log broke (its frames are dropped; what the answer settles is not).</summary>
    private bool Stop(out bool settleAlone)
    {
        lock (_gate)
        {
            settleAlone = false;
            if (_queued.Count > 0 && !_broken)
            {
                return false;
            }

            settleAlone = _queued.Exists(f => f.IsTerminal);
            _queued.Clear();
            _draining = false;
            return true;
        }
    }

    private Task<FrameAppendResult> WriteAsync(List<LoggedFrame> batch) =>
        phases is null
            ? log.AppendManyAsync(logKey, batch)
            : phases.WriteAsync(logKey, batch, Settlement!, settles: batch[^1].IsTerminal);

    // The first frame goes at once; later ones wait for the batch interval unless a terminal frame or Expedite wakes them.
    private async Task WaitForBatchAsync()
    {
        if (phases is null || !_wroteFirst)
        {
            _wroteFirst = true;
            return;
        }

        Task wake;
        lock (_gate)
        {
            wake = _wake.Task;
        }

        if (!wake.IsCompleted)
        {
            await Task.WhenAny(wake, Task.Delay(phases.FrameBatchInterval, timeProvider ?? TimeProvider.System));
        }
    }

    /// <summary>Settles the answer without frames, when the log took none of the last ones; never throws.</summary>
    private async Task SettleAloneAsync()
    {
        if (phases is null || !SettlesWithTerminal)
        {
            return;
        }

        try
        {
            await phases.WriteAsync(logKey, [], Settlement!, settles: true);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The settlement is lost with the rest of shared state; the answer itself is unaffected.
        }
    }
}
