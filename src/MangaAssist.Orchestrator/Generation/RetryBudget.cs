namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// The instance-wide retry budget: over a sliding window, retries may be at most a fixed share of
/// the answers started (plus a small floor so a quiet instance can still retry). It is the idea of
/// the AWS SDKs' retry quota — retries stop when failures dominate — but proportional to traffic:
/// a fixed bucket is too small for a burst of a thousand streams and too large for one request a
/// second. In a full outage the load on Bedrock stays within (1 + ratio) times the requests.
/// A retry after a timeout counts twice: timeouts hold a connection the longest.
/// Beyond the window's share, a burst reserve (like the AWS SDKs' retry quota) starts full, so a
/// burst on a freshly started instance — when the window has no history yet — can still retry; it
/// drains only once the window's share is spent and refills as answers complete, so an outage
/// (where nothing completes) spends it once.
/// </summary>
public sealed class RetryBudget
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly double _ratio;
    private readonly int _floor;
    private readonly long _slotTicks;
    private readonly Slot[] _slots;
    private readonly double _burstCapacity;
    private readonly double _refillPerSuccess;
    private double _burst;

    /// <param name="ratio">Retries allowed per answer started, e.g. 0.5.</param>
    /// <param name="minimumPerSecond">Retries allowed per second of the window however quiet the instance is.</param>
    /// <param name="window">How far back requests and retries are counted.</param>
    /// <param name="burst">Retries the reserve holds, full from the start.</param>
    /// <param name="refillPerSuccess">Reserve credits a completed answer gives back.</param>
    public RetryBudget(double ratio, int minimumPerSecond, TimeSpan window, TimeProvider timeProvider, int burst = 0, double refillPerSuccess = 0)
    {
        _burstCapacity = burst;
        _burst = burst;
        _refillPerSuccess = refillPerSuccess;
        _ratio = ratio;
        _timeProvider = timeProvider;
        var seconds = Math.Max(1, (int)Math.Ceiling(window.TotalSeconds));
        _floor = minimumPerSecond * seconds;
        _slots = new Slot[seconds];
        _slotTicks = timeProvider.TimestampFrequency;
    }

    /// <summary>Retries the window still allows right now.</summary>
    public int Available
    {
        get
        {
            lock (_gate)
            {
                CurrentSlot();
                var (requests, retries) = Totals();
                return (int)(Math.Max(0, Allowed(requests) - retries) + Math.Floor(_burst));
            }
        }
    }

    /// <summary>Counts an answer that started; each one earns the instance a share of a retry.</summary>
    public void RecordRequest()
    {
        lock (_gate)
        {
            _slots[CurrentSlot()].Requests++;
        }
    }

    /// <summary>Takes one retry from the budget; false when the window's retries are spent.</summary>
    public bool TryAcquire(bool afterTimeout)
    {
        var cost = afterTimeout ? 2 : 1;
        lock (_gate)
        {
            var index = CurrentSlot();
            var (requests, retries) = Totals();
            if (retries + cost <= Allowed(requests))
            {
                _slots[index].Retries += cost;
                return true;
            }

            if (_burst < cost)
            {
                return false;
            }

            _burst -= cost;
            return true;
        }
    }

    /// <summary>Counts an answer that completed: it refills the burst reserve a little.</summary>
    public void RecordSuccess()
    {
        lock (_gate)
        {
            _burst = Math.Min(_burstCapacity, _burst + _refillPerSuccess);
        }
    }

    private int Allowed(long requests) => _floor + (int)(requests * _ratio);

    private (long Requests, long Retries) Totals()
    {
        long requests = 0, retries = 0;
        foreach (var slot in _slots)
        {
            requests += slot.Requests;
            retries += slot.Retries;
        }

        return (requests, retries);
    }

    /// <summary>The slot of the current second, emptied first if it last held an older second.</summary>
    private int CurrentSlot()
    {
        var second = _timeProvider.GetTimestamp() / _slotTicks;
        var index = (int)(second % _slots.Length);
        if (_slots[index].Second != second)
        {
            _slots[index] = new Slot { Second = second };
        }

        // Slots older than the window still hold counts until their index comes round again; clear them.
        for (var i = 0; i < _slots.Length; i++)
        {
            if (second - _slots[i].Second >= _slots.Length)
            {
                _slots[i] = default;
            }
        }

        return index;
    }

    private struct Slot
    {
        public long Second;
        public long Requests;
        public long Retries;
    }
}
