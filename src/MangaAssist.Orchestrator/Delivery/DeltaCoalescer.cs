using MangaAssist.Orchestrator.Kernel;
using System.Text;

namespace MangaAssist.Orchestrator.Delivery;

/// <summary>
/// Collects model tokens and hands them to a sender in batches: the first text of an answer at
/// once (time to first token matters most), then at most one batch per flush interval, or sooner
/// when the pending text reaches the threshold. One producer (the model stream) and one consumer
/// (<see cref="PumpAsync"/>) per answer.
/// </summary>
/// <param name="flushInterval">Read before each wait: the task's pace (<c>FlushPace</c>) may change while an answer streams.</param>
public sealed class DeltaCoalescer(Func<TimeSpan> flushInterval, int flushThresholdChars, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _pending = new();
    private TaskCompletionSource? _waiter;
    private bool _waitingForThreshold;
    private bool _completed;

    /// <summary>Appends model text. Never blocks on the network.</summary>
    public void Append(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        TaskCompletionSource? wake = null;
        lock (_gate)
        {
            _pending.Append(text);
            if (_waiter is not null && (!_waitingForThreshold || _pending.Length >= flushThresholdChars))
            {
                wake = _waiter;
                _waiter = null;
            }
        }

        wake?.TrySetResult();
    }

    /// <summary>Marks the end of the text; the pump sends what is pending and returns.</summary>
    public void Complete()
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            _completed = true;
            wake = _waiter;
            _waiter = null;
        }

        wake?.TrySetResult();
    }

    /// <summary>
    /// Sends batches until <see cref="Complete"/> was called and nothing is pending, or until a
    /// batch was not delivered (that result is returned at once).
    /// </summary>
    public async Task<DeliveryResult> PumpAsync(Func<string, CancellationToken, ValueTask<DeliveryResult>> send, CancellationToken cancellationToken)
    {
        var first = true;
        while (true)
        {
            await WaitAsync(forThreshold: false, cancellationToken);
            if (!first)
            {
                await WaitForFlushAsync(cancellationToken);
            }

            string batch;
            bool completed;
            lock (_gate)
            {
                batch = _pending.ToString();
                _pending.Clear();
                completed = _completed;
            }

            if (batch.Length > 0)
            {
                first = false;
                var result = await send(batch, cancellationToken);
                if (result != DeliveryResult.Delivered)
                {
                    return result;
                }
            }

            if (completed)
            {
                lock (_gate)
                {
                    if (_pending.Length == 0)
                    {
                        return DeliveryResult.Delivered;
                    }
                }
            }
        }
    }

    private async Task WaitForFlushAsync(CancellationToken cancellationToken)
    {
        var threshold = CreateWaiter(forThreshold: true);
        if (threshold is null)
        {
            return;
        }

        using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(threshold.Task, Task.Delay(flushInterval(), timeProvider, delayCancellation.Token));
        delayCancellation.Cancel();
        lock (_gate)
        {
            // The interval may have ended first: drop the threshold waiter so Append does not wake a stale one.
            if (_waiter == threshold)
            {
                _waiter = null;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private Task WaitAsync(bool forThreshold, CancellationToken cancellationToken)
    {
        var waiter = CreateWaiter(forThreshold);
        return waiter is null ? Task.CompletedTask : waiter.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Returns null when the condition already holds, otherwise a waiter that Append or Complete will release.</summary>
    private TaskCompletionSource? CreateWaiter(bool forThreshold)
    {
        lock (_gate)
        {
            var ready = _completed || (forThreshold ? _pending.Length >= flushThresholdChars : _pending.Length > 0);
            if (ready)
            {
                return null;
            }

            _waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waitingForThreshold = forThreshold;
            return _waiter;
        }
    }
}
