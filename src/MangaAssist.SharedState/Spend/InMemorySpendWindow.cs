namespace MangaAssist.SharedState.Spend;

/// <summary>This process's spend: the window without Redis, and the fallback while Redis is unavailable.</summary>
internal sealed class InMemorySpendWindow(TimeProvider timeProvider) : ISpendWindow
{
    private readonly Lock _gate = new();
    private long _minute;
    private long _current;
    private long _previous;

    public Task AddAsync(decimal amount, CancellationToken cancellationToken = default)
    {
        var micros = SpendMinutes.ToMicros(amount);
        if (micros > 0)
        {
            lock (_gate)
            {
                Roll(SpendMinutes.Minute(timeProvider.GetUtcNow()));
                _current += micros;
            }
        }

        return Task.CompletedTask;
    }

    public Task<decimal> LastMinuteAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            Roll(SpendMinutes.Minute(now));
            return Task.FromResult(SpendMinutes.Sliding(now, _current, _previous));
        }
    }

    private void Roll(long minute)
    {
        if (minute == _minute)
        {
            return;
        }

        (_previous, _current) = (minute == _minute + 1 ? _current : 0, 0);
        _minute = minute;
    }
}
