using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Options;

/// <summary>
/// Graceful shutdown. Configuration section <c>Shutdown</c>. <see cref="DrainTimeout"/> drives the whole budget:
/// the host's shutdown timeout is <see cref="Budget"/>, and the ECS task's <c>stopTimeout</c> must leave room for it
/// (a test reads container/ecs/task-definition.json to hold that).
/// </summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// After the drain expires and the remaining answers are stopped, how long their <c>service_restarting</c>
    /// frames get to reach <c>@connections</c> before the process exits.
    /// </summary>
    public static readonly TimeSpan FlushMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long answers in progress may continue after SIGTERM before they are stopped with a
    /// retryable <c>service_restarting</c> frame.
    /// </summary>
    /// <value>The default value is 20 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// After SIGTERM the service reports not-ready at once and keeps taking new work this long before the drain,
    /// so a load balancer that health-checks it (the local gateway emulator) stops sending it new work first.
    /// On ECS the target is deregistered before SIGTERM, so nothing needs to wait there.
    /// </summary>
    /// <value>The default value is zero.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ReadinessGrace { get; set; } = TimeSpan.Zero;

    /// <summary>The whole shutdown: the readiness grace, the drain, then the flush margin. The host's shutdown timeout.</summary>
    public TimeSpan Budget => ReadinessGrace + DrainTimeout + FlushMargin;
}
