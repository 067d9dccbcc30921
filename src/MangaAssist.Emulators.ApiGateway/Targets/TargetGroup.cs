using MangaAssist.Emulators.ApiGateway.Configuration;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.ApiGateway.Targets;

/// <summary>
/// The integration targets behind the gateway, chosen in turn per integration call, skipping unhealthy ones.
/// When none is healthy every target is used, as an ALB "fails open" rather than refusing all traffic.
/// </summary>
internal sealed class TargetGroup
{
    private readonly Target[] _targets;
    private readonly bool _checked;
    private readonly ILogger<TargetGroup> _logger;
    private int _next = -1;

    public TargetGroup(IOptions<ApiGatewayEmulatorOptions> options, ILogger<TargetGroup> logger)
    {
        var health = options.Value.TargetHealth;
        _targets = [.. options.Value.EffectiveIntegrationBaseUrls.Select(url => new Target(url.TrimEnd('/'), health.HealthyThreshold, health.UnhealthyThreshold))];
        _checked = health.Enabled;
        _logger = logger;
    }

    public IReadOnlyList<Target> All => _targets;

    /// <summary>The target for the next integration call: round robin over the healthy ones (over all when none is).</summary>
    public Target Next()
    {
        if (_targets.Length == 1)
        {
            return _targets[0];
        }

        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)_targets.Length);
        for (var i = 0; i < _targets.Length; i++)
        {
            var candidate = _targets[(start + i) % _targets.Length];
            if (candidate.Health == TargetHealth.Healthy)
            {
                return candidate;
            }
        }

        return _targets[start];
    }

    /// <summary>A check passed; logs when the target comes back into service.</summary>
    public void Passed(Target target)
    {
        if (target.Pass())
        {
            Log.TargetHealthy(_logger, target.BaseUrl);
        }
    }

    /// <summary>A check failed, or an integration call found the target refusing connections (only counted when targets are checked).</summary>
    public void Failed(Target target, string reason)
    {
        if (_checked && target.Fail())
        {
            Log.TargetUnhealthy(_logger, target.BaseUrl, reason);
        }
    }
}
