using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.SharedState.Jobs;

/// <summary>How a job ended: its terminal status and result or error.</summary>
public sealed record JobOutcome(JobStatus Status)
{
    public string? ResultText { get; init; }

    public string? ResultLocation { get; init; }

    public long ResultBytes { get; init; }

    public string? ContentType { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public long ProgressTokens { get; init; }

    /// <summary>The catalog items a succeeded answer cites (what its <c>citations</c> frame carried).</summary>
    public IReadOnlyList<AnswerCitation> Citations { get; init; } = [];
}
