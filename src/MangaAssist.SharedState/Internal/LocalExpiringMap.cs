namespace MangaAssist.SharedState.Internal;

/// <summary>
/// A bounded map whose entries expire, for the in-memory capabilities. Expired entries are dropped when
/// read and swept when the map is full; when it is still (nearly) full, the entries closest to expiry go.
/// </summary>
internal sealed class LocalExpiringMap<TValue>
{
    private readonly Dictionary<string, (TValue Value, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly int _maxEntries;

    public LocalExpiringMap(TimeProvider timeProvider, int maxEntries)
    {
        _timeProvider = timeProvider;
        _maxEntries = maxEntries;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(string key, out TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.ExpiresAt > _timeProvider.GetUtcNow())
                {
                    value = entry.Value;
                    return true;
                }

                _entries.Remove(key);
            }

            value = default!;
            return false;
        }
    }

    public void Set(string key, TValue value, TimeSpan ttl)
    {
        lock (_lock)
        {
            MakeRoomFor(key);
            _entries[key] = (value, _timeProvider.GetUtcNow() + ttl);
        }
    }

    /// <summary>Reads, changes and writes one entry under the lock; <paramref name="update"/> gets <c>default</c> when absent.</summary>
    public TResult Update<TResult>(string key, TimeSpan ttl, Func<TValue?, bool, (TValue Value, TResult Result)> update)
    {
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            var found = _entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now;
            var (value, result) = update(found ? entry.Value : default, found);
            MakeRoomFor(key);
            _entries[key] = (value, now + ttl);
            return result;
        }
    }

    public bool Remove(string key)
    {
        lock (_lock)
        {
            return _entries.Remove(key, out var entry) && entry.ExpiresAt > _timeProvider.GetUtcNow();
        }
    }

    /// <summary>Removes every live entry whose key matches; returns how many there were.</summary>
    public int RemoveWhere(Func<string, bool> keyMatches)
    {
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            var removed = 0;
            foreach (var key in _entries.Keys.Where(keyMatches).ToList())
            {
                if (_entries.Remove(key, out var entry) && entry.ExpiresAt > now)
                {
                    removed++;
                }
            }

            return removed;
        }
    }

    /// <summary>
    /// At capacity, a new key first sweeps the expired entries, then, if fewer than a sixteenth of the capacity came
    /// free, evicts the entries closest to expiry down to that mark. Making room in a batch keeps inserts into a full
    /// map O(1) on average: one entry at a time, every insert of a busy task scanned the whole map.
    /// </summary>
    private void MakeRoomFor(string key)
    {
        if (_entries.Count < _maxEntries || _entries.ContainsKey(key))
        {
            return;
        }

        var now = _timeProvider.GetUtcNow();
        List<string>? expired = null;
        foreach (var (candidate, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                (expired ??= []).Add(candidate);
            }
        }

        foreach (var gone in expired ?? [])
        {
            _entries.Remove(gone);
        }

        var excess = _entries.Count - (_maxEntries - Math.Max(1, _maxEntries / 16));
        if (excess > 0)
        {
            EvictSoonestToExpire(excess);
        }
    }

    private void EvictSoonestToExpire(int count)
    {
        // A max-heap of the `count` soonest expiries seen so far: its top is the latest of them.
        var soonest = new PriorityQueue<string, DateTimeOffset>(count, LatestFirst);
        foreach (var (candidate, entry) in _entries)
        {
            if (soonest.Count < count)
            {
                soonest.Enqueue(candidate, entry.ExpiresAt);
            }
            else if (soonest.TryPeek(out _, out var latest) && entry.ExpiresAt < latest)
            {
                soonest.EnqueueDequeue(candidate, entry.ExpiresAt);
            }
        }

        while (soonest.TryDequeue(out var gone, out _))
        {
            _entries.Remove(gone);
        }
    }

    private static readonly Comparer<DateTimeOffset> LatestFirst = Comparer<DateTimeOffset>.Create((a, b) => b.CompareTo(a));
}
