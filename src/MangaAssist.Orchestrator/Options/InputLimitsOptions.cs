using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Options;

/// <summary>Limits on what clients may send. Configuration section <c>Input</c>.</summary>
public sealed class InputLimitsOptions
{
    public const string SectionName = "Input";

    /// <summary>Longest accepted <c>message</c>, in characters.</summary>
    /// <value>The default value is 4000.</value>
    [Range(1, 100_000)]
    public int MaxMessageChars { get; set; } = 4000;

    /// <summary>Longest accepted <c>requestId</c> and <c>sessionId</c>, in characters.</summary>
    /// <value>The default value is 128.</value>
    [Range(8, 1024)]
    public int MaxIdChars { get; set; } = 128;
}
