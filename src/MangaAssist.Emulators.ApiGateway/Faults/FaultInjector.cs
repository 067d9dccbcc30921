using MangaAssist.Emulators.ApiGateway.Kernel;

namespace MangaAssist.Emulators.ApiGateway.Faults;

/// <summary>Decides, from seeded random draws, whether a PostToConnection call is delayed or fails.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private FaultSettings _settings = FaultSettings.None;
    private Random _random = new(FaultSettings.None.Seed);

    public FaultSettings Current
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }
    }

    public void Set(FaultSettings settings)
    {
        lock (_gate)
        {
            _settings = settings;
            _random = new Random(settings.Seed);
        }
    }

    public void Clear() => Set(FaultSettings.None);

    public FaultDecision NextPostToConnection()
    {
        lock (_gate)
        {
            var delay = TimeSpan.FromMilliseconds(_settings.PostToConnectionDelayMs);
            if (_settings.PostToConnection429 == 0 && _settings.PostToConnection500 == 0)
            {
                return new FaultDecision(delay, null);
            }

            var draw = _random.NextDouble();
            var error = draw < _settings.PostToConnection429 ? ManagementError.LimitExceeded
                : draw < _settings.PostToConnection429 + _settings.PostToConnection500 ? ManagementError.InternalServerError
                : null;
            return new FaultDecision(delay, error);
        }
    }
}

/// <summary>What the fault injector chose for one call.</summary>
internal readonly record struct FaultDecision(TimeSpan Delay, ManagementError? Error);
