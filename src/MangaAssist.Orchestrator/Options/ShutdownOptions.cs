namespace MangaAssist.Orchestrator.Options;

/// <summary>Graceful shutdown. Configuration section <c>Shutdown</c>.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// How long answers in progress may continue after SIGTERM before they are stopped with a
    /// retryable <c>service_restarting</c> frame. Keep it under the ECS task's stopTimeout.
    /// </summary>
    /// <value>The default value is 20 s.</value>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
