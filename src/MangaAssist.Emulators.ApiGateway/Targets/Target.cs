namespace MangaAssist.Emulators.ApiGateway.Targets;

/// <summary>
/// One integration target and its health: consecutive passes and failures move it between healthy and unhealthy
/// at the configured thresholds. Checks of one target never overlap, but integration calls report refusals
/// concurrently, hence the lock.
/// </summary>
internal sealed class Target(string baseUrl, int healthyThreshold, int unhealthyThreshold)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _answeredCalls = new(StringComparer.Ordinal);
    private int _passes;
    private int _failures;

    public string BaseUrl { get; } = baseUrl;

    // Registered targets start in service: the harness waits for each service's readiness before it sends traffic.
    public TargetHealth Health { get; private set; } = TargetHealth.Healthy;

    public int ConsecutivePasses
    {
        get
        {
            lock (_gate)
            {
                return _passes;
            }
        }
    }

    public int ConsecutiveFailures
    {
        get
        {
            lock (_gate)
            {
                return _failures;
            }
        }
    }

    /// <summary>Integration calls this target answered (any status), by route key, as an ALB counts requests per target.</summary>
    public IReadOnlyDictionary<string, long> AnsweredCalls
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_answeredCalls, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Counts an integration call the target answered.</summary>
    public void Answered(string routeKey)
    {
        lock (_gate)
        {
            _answeredCalls[routeKey] = _answeredCalls.GetValueOrDefault(routeKey) + 1;
        }
    }

    /// <summary>Records a passed check; true when it brought the target back into service.</summary>
    public bool Pass()
    {
        lock (_gate)
        {
            _failures = 0;
            _passes++;
            if (Health == TargetHealth.Unhealthy && _passes >= healthyThreshold)
            {
                Health = TargetHealth.Healthy;
                return true;
            }

            return false;
        }
    }

    /// <summary>Records a failed check or a refused connection; true when it took the target out of service.</summary>
    public bool Fail()
    {
        lock (_gate)
        {
            _passes = 0;
            _failures++;
            if (Health == TargetHealth.Healthy && _failures >= unhealthyThreshold)
            {
                Health = TargetHealth.Unhealthy;
                return true;
            }

            return false;
        }
    }
}
