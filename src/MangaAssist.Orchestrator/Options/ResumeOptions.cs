using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Options;

/// <summary>Resumable answers. Configuration section <c>Resume</c>.</summary>
public sealed class ResumeOptions
{
    public const string SectionName = "Resume";

    /// <summary>Keep a copy of every frame in the frame log so a client can <c>resume</c> on a new connection.</summary>
    /// <value>The default value is true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long an answer goes on (into the frame log only) after its client's connection is gone
    /// (410), waiting for the client to come back with <c>resume</c>. Zero stops the model at once,
    /// which is the design's promise (tokens nobody reads are not paid for): a client that resumes
    /// then gets the frames up to the drop and a retryable <c>client_gone</c> error.
    /// </summary>
    /// <value>The default value is zero.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan DetachedGracePeriod { get; set; } = TimeSpan.Zero;
}
