using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.SharedState.Jobs;

/// <summary>
/// One job as every instance sees it. <see cref="Version"/> rises with every change (pollers' ETag). The result is
/// either <see cref="ResultText"/> (small) or <see cref="ResultLocation"/> (an object store key).
/// </summary>
public sealed record JobRecord
{
    public required string Id { get; init; }

    /// <summary>The principal that owns the job: every other principal is told it does not exist.</summary>
    public required string OwnerId { get; init; }

    public required string SessionId { get; init; }

    /// <summary>The id its frames carry (the client's requestId for a socket's job, else the job id).</summary>
    public required string RequestId { get; init; }

    public required string Message { get; init; }

    /// <summary>A digest of what was asked, so an idempotency key reused for another question is noticed.</summary>
    public string Fingerprint { get; init; } = "";

    public JobStatus Status { get; init; } = JobStatus.Queued;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Output tokens produced so far (pieces of text the model sent), reported while running.</summary>
    public long ProgressTokens { get; init; }

    public int Attempts { get; init; }

    public bool CancelRequested { get; init; }

    public long Version { get; init; }

    public string? ResultText { get; init; }

    public string? ResultLocation { get; init; }

    public long ResultBytes { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The catalog items a succeeded answer cites, as its <c>citations</c> frame carried them.</summary>
    public IReadOnlyList<AnswerCitation> Citations { get; init; } = [];

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public bool IsTerminal => Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
}
