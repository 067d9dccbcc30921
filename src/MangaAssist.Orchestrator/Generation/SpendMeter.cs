using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// Model spend over the last minute (sixty one-second buckets, so it falls smoothly as time passes) and the
/// spend breaker read from it. Every model call is counted, answered or not: its tokens were paid for.
/// </summary>
public sealed class SpendMeter(TimeProvider time, IOptions<SpendBreakerOptions> options, SpendTelemetry telemetry)
{
    private const int Buckets = 60;

    private readonly decimal[] _amounts = new decimal[Buckets];
    private readonly long[] _seconds = new long[Buckets];
    private readonly Lock _gate = new();

    public void Record(string route, string model, string currency, decimal amount)
    {
        if (amount <= 0)
        {
            return;
        }

        telemetry.RecordSpend(route, model, currency, amount);
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            var slot = (int)(second % Buckets);
            if (_seconds[slot] != second)
            {
                (_seconds[slot], _amounts[slot]) = (second, 0);
            }

            _amounts[slot] += amount;
        }
    }

    public decimal LastMinute
    {
        get
        {
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            lock (_gate)
            {
                var total = 0m;
                for (var i = 0; i < Buckets; i++)
                {
                    total += now - _seconds[i] < Buckets ? _amounts[i] : 0;
                }

                return total;
            }
        }
    }

    /// <summary>Whether a new answer on <paramref name="route"/> should be refused: the cap is on, the route guarded and the last minute's spend above it.</summary>
    public bool Refuses(string route)
    {
        var settings = options.Value;
        return settings.PerMinuteCap > 0 && settings.Guards(route) && LastMinute > settings.PerMinuteCap;
    }
}
