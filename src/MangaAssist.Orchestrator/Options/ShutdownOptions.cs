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

    /// <summary>The whole shutdown: the drain, then the flush margin. The host's shutdown timeout.</summary>
    public TimeSpan Budget => DrainTimeout + FlushMargin;
}
