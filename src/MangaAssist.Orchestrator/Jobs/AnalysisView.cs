using System.Globalization;
using MangaAssist.SharedState.Jobs;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.Orchestrator.Jobs;

/// <summary>What a poller sees of a job: status, progress, and the result inline or as a download, or the error.</summary>
public sealed record AnalysisView(
    string Id,
    string Status,
    string StatusUrl,
    AnalysisProgress Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    AnalysisResult? Result,
    AnalysisError? Error)
{
    public static AnalysisView Of(JobRecord job, JobResults results, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(results);
        AnalysisResult? result = null;
        if (job.Status == JobStatus.Succeeded)
        {
            var download = results.DownloadOf(job, now);
            result = download is { } d
                ? new AnalysisResult(null, d.Url.ToString(), d.ExpiresAt, job.ResultBytes, job.ContentType, job.Citations)
                : new AnalysisResult(job.ResultText, null, null, job.ResultBytes, job.ContentType, job.Citations);
        }

        var error = job.ErrorCode is null ? null : new AnalysisError(job.ErrorCode, job.ErrorMessage);
        return new AnalysisView(job.Id, StatusName(job.Status), UrlOf(job.Id), new AnalysisProgress(job.ProgressTokens), job.CreatedAt, job.UpdatedAt, result, error);
    }

    public static string UrlOf(string jobId) => "/v1/analyses/" + jobId;

    /// <summary>The ETag of a job: it changes whenever the record does.</summary>
    public static string ETagOf(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return "\"" + job.Id[..8] + "-" + job.Version.ToString(CultureInfo.InvariantCulture) + "\"";
    }

    public static string StatusName(JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Succeeded => "succeeded",
        JobStatus.Failed => "failed",
        _ => "cancelled",
    };
}

/// <param name="OutputTokens">Pieces of text the model has produced so far.</param>
public sealed record AnalysisProgress(long OutputTokens);

/// <summary>Either <see cref="Text"/>, or <see cref="DownloadUrl"/> valid until <see cref="ExpiresAt"/>; the cited catalog items either way.</summary>
public sealed record AnalysisResult(string? Text, string? DownloadUrl, DateTimeOffset? ExpiresAt, long SizeBytes, string? ContentType, IReadOnlyList<AnswerCitation> Citations);

public sealed record AnalysisError(string Code, string? Message);
