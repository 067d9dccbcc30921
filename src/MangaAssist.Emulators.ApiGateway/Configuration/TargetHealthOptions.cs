using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Emulators.ApiGateway.Configuration;

/// <summary>
/// Health checks of the integration targets, as an ALB target group checks the ECS tasks behind a VPC link:
/// section <c>ApiGatewayEmulator:TargetHealth</c>. Without a <see cref="Path"/> every target is always in service.
/// </summary>
public sealed class TargetHealthOptions
{
    /// <summary>The path each target is asked (GET) for its health, e.g. <c>/health/ready</c>; a 2xx answer in time passes.</summary>
    /// <value>The default value is <see langword="null"/>: no health checks, every target is always in service.</value>
    public string? Path { get; set; }

    /// <summary>Time between two checks of one target.</summary>
    /// <value>The default value is 5 seconds (an ALB's shortest interval).</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a check waits for the answer; no answer in time fails the check. Shorter than <see cref="Interval"/>.</summary>
    /// <value>The default value is 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive passed checks that bring an unhealthy target back into service.</summary>
    /// <value>The default value is 2.</value>
    [Range(1, 10)]
    public int HealthyThreshold { get; set; } = 2;

    /// <summary>Consecutive failed checks (or refused integration connections) that take a target out of service.</summary>
    /// <value>The default value is 2 (an ALB's default).</value>
    [Range(1, 10)]
    public int UnhealthyThreshold { get; set; } = 2;

    /// <summary>True when targets are checked at all.</summary>
    public bool Enabled => !string.IsNullOrEmpty(Path);
}
