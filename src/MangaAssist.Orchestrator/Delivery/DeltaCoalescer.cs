using MangaAssist.Orchestrator.Kernel;
using System.Text;

namespace MangaAssist.Orchestrator.Delivery;

/// <summary>
/// Collects model tokens and hands them to a sender in batches: the first text of an answer at
/// once (time to first token matters most), then at most one batch per flush interval, or sooner
/// when the pending text reaches the threshold. While a model stream paces its reads by this
/// coalescer (<c>DeltaCoalescer.PacedReads.cs</c>), each of its read batches is one flush instead.
/// One producer (the model stream) and one consumer (<see cref="PumpAsync"/>) per answer.
/// </summary>
/// <param name="flushInterval">Read before each wait: the task's pace (<c>FlushPace</c>) may change while an answer streams.</param>
public sealed partial class DeltaCoalescer(Func<TimeSpan> flushInterval, int flushThresholdChars, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _pending = new();
    private TaskCompletionSource? _waiter;
    private Wake _waitingFor;
    private bool _completed;

    /// <summary>What the pump's waiter waits for.</summary>
    private enum Wake
    {
        /// <summary>Any pending text.</summary>
        Text,

        /// <summary>The threshold (the interval runs beside it), or a paced stream's batch.</summary>
        Flush,

        /// <summary>A paced stream's batch, the threshold, or the last paced stream leaving.</summary>
        Batch,
    }

    /// <summary>Appends model text. Never blocks on the network.</summary>
    public void Append(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        TaskCompletionSource? wake;
        lock (_gate)
        {
            _pending.Append(text);
            _hasText = true;
            wake = TakeWaiterIfReady();
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
            await WaitAsync(Wake.Text, cancellationToken);
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
                _batchReady = false;
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
        var (threshold, paced) = CreateFlushWaiter();
        while (paced && threshold is not null)
        {
            // The stream's read batches are the flushes: no timer of our own.
            await threshold.Task.WaitAsync(cancellationToken);

            // Woken by the last paced stream leaving rather than by a batch: its last read's text waits for the answer's
            // end, a moment later, and goes out with it (one post, one frame-log write) or, if no end comes, for the interval.
            (threshold, paced) = CreateFlushWaiter();
        }

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

    private Task WaitAsync(Wake condition, CancellationToken cancellationToken)
    {
        var waiter = CreateWaiter(condition);
        return waiter is null ? Task.CompletedTask : waiter.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Returns null when the condition already holds, otherwise a waiter that Append, Complete or a paced stream will release.</summary>
    private TaskCompletionSource? CreateWaiter(Wake condition)
    {
        lock (_gate)
        {
            return CreateWaiterUnderGate(condition);
        }
    }

    private TaskCompletionSource? CreateWaiterUnderGate(Wake condition)
    {
        if (IsReady(condition))
        {
            return null;
        }

        _waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waitingFor = condition;
        return _waiter;
    }

    /// <summary>The waiter for the next flush: a paced stream's batch while one reads at this pace, else the threshold (the interval runs beside it).</summary>
    private (TaskCompletionSource? Waiter, bool Paced) CreateFlushWaiter()
    {
        lock (_gate)
        {
            var paced = _pacedStreams > 0;
            return (CreateWaiterUnderGate(paced ? Wake.Batch : Wake.Flush), paced);
        }
    }

    /// <summary>Under the gate: the waiter, taken, when what it waits for now holds.</summary>
    private TaskCompletionSource? TakeWaiterIfReady()
    {
        var waiter = _waiter;
        if (waiter is null || !IsReady(_waitingFor))
        {
            return null;
        }

        _waiter = null;
        return waiter;
    }

    private bool IsReady(Wake condition) => _completed || condition switch
    {
        Wake.Text => _pending.Length > 0,
        Wake.Flush => _pending.Length >= flushThresholdChars || (_batchReady && _pending.Length > 0),
        _ => _pending.Length >= flushThresholdChars || (_batchReady && _pending.Length > 0) || _pacedStreams == 0,
    };
}
