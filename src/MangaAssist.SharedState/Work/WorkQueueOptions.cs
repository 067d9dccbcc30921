using System.ComponentModel.DataAnnotations;

namespace MangaAssist.SharedState.Work;

/// <summary>Section <c>SharedState:Work</c>.</summary>
public sealed class WorkQueueOptions
{
    /// <summary>A lease not renewed for this long is stale: another instance claims the unit.</summary>
    /// <value>The default value is 15 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.200", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Consumer group every instance reads through.</summary>
    /// <value>The default value is <c>workers</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string Group { get; set; } = "workers";
}
