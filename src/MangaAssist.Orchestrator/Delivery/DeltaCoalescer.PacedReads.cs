using MangaAssist.Aws.EventStreams;

namespace MangaAssist.Orchestrator.Delivery;

/// <summary>
/// The coalescer as the pace of its model stream's socket reads. A model sends one small event per token (~16 ms
/// apart at 60 tokens/s); reading each as it comes costs a wake-up and a pass through the HTTP stack per token, while
/// the shopper only sees a batch per flush. So after the answer's first text, a stream that has handed out everything
/// it received waits one flush interval before it reads again, and what it reads then is flushed as one batch. Before
/// the first text every read goes at once: time to first token is not paced.
/// </summary>
public sealed partial class DeltaCoalescer : IStreamReadPacing
{
    private bool _hasText;
    private bool _batchReady;
    private int _pacedStreams;

    /// <summary>A pacer for one model stream that feeds this coalescer.</summary>
    public IStreamReadPacer StartStream() => new PacedStream(this);

    /// <summary>
    /// A stream is about to read: its text so far is one batch, flushed now. False before the answer's first text (and
    /// after the end), when the read should go at once.
    /// </summary>
    private bool EndBatch(ref bool joined)
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            if (!_hasText || _completed)
            {
                return false;
            }

            if (!joined)
            {
                joined = true;
                _pacedStreams++;
            }

            _batchReady = _pending.Length > 0;
            wake = TakeWaiterIfReady();
        }

        wake?.TrySetResult();
        return true;
    }

    /// <summary>A paced stream ended: with none left, the pump's own interval takes over again.</summary>
    private void Leave()
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            _pacedStreams--;
            wake = TakeWaiterIfReady();
        }

        wake?.TrySetResult();
    }

    private Task DelayOneInterval(CancellationToken cancellationToken) => Task.Delay(flushInterval(), timeProvider, cancellationToken);

    private sealed class PacedStream(DeltaCoalescer owner) : IStreamReadPacer
    {
        private bool _joined;
        private bool _disposed;

        public ValueTask BeforeReadAsync(CancellationToken cancellationToken) =>
            !_disposed && owner.EndBatch(ref _joined) ? new ValueTask(owner.DelayOneInterval(cancellationToken)) : ValueTask.CompletedTask;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_joined)
            {
                owner.Leave();
            }
        }
    }
}
