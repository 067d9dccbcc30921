namespace MangaAssist.Emulators.Bedrock.Faults;

/// <summary>Draws random faults at the configured rates. One lock guards the seeded generator so draws stay repeatable.</summary>
internal sealed class RandomFaultInjector
{
    private readonly Lock _gate = new();
    private RandomFaultRates _rates = RandomFaultRates.None;
    private Random _random = new();
    private bool _active;

    public RandomFaultRates Rates
    {
        get
        {
            lock (_gate)
            {
                return _rates;
            }
        }
    }

    public void Configure(RandomFaultRates rates)
    {
        lock (_gate)
        {
            _rates = rates;
            _random = rates.Seed is { } seed ? new Random(seed) : new Random();
            _active = rates.Rates.Any(r => r.Rate > 0);
        }
    }

    public void Clear() => Configure(RandomFaultRates.None);

    public FaultPlan? Draw()
    {
        lock (_gate)
        {
            if (!_active)
            {
                return null;
            }

            var roll = _random.NextDouble();
            foreach (var (kind, rate) in _rates.Rates)
            {
                if (roll < rate)
                {
                    var after = _random.Next(_rates.FaultAfterTokensMin, _rates.FaultAfterTokensMax + 1);
                    return new FaultPlan(kind, after, FaultSource.Random);
                }

                roll -= rate;
            }

            return null;
        }
    }
}
