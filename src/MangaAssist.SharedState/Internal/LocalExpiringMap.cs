namespace MangaAssist.SharedState.Internal;

/// <summary>
/// A bounded map whose entries expire, for the in-memory capabilities. Expired entries are dropped when
/// read and swept when the map is full; when it is still full, the entry closest to expiry goes.
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

    private void MakeRoomFor(string key)
    {
        if (_entries.Count < _maxEntries || _entries.ContainsKey(key))
        {
            return;
        }

        var now = _timeProvider.GetUtcNow();
        foreach (var expired in _entries.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList())
        {
            _entries.Remove(expired);
        }

        if (_entries.Count >= _maxEntries)
        {
            _entries.Remove(_entries.MinBy(e => e.Value.ExpiresAt).Key);
        }
    }
}
