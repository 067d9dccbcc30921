using System.Text;
using MangaAssist.Aws.S3;
using MangaAssist.SharedState.Jobs;
using MangaAssist.SharedState.ResponseCache;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Jobs;

/// <summary>
/// Where a finished answer goes: inline in the job record up to <see cref="AnalysesOptions.InlineResultMaxBytes"/>,
/// above it into the object store, handed out as a pre-signed download URL.
/// </summary>
public sealed class JobResults(IOptions<AnalysesOptions> options, IResultObjectStore? objects = null)
{
    public const string ContentType = "text/plain; charset=utf-8";

    /// <param name="citations">The catalog items the answer cites; kept with the result whichever way it is stored.</param>
    public async Task<JobOutcome> StoreAsync(JobRecord job, string text, long progressTokens, IReadOnlyList<AnswerCitation> citations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(citations);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= options.Value.InlineResultMaxBytes || objects is null)
        {
            // Without an object store a large result stays inline: late but whole beats a lost answer.
            return new JobOutcome(JobStatus.Succeeded) { ResultText = text, ResultBytes = bytes.Length, ContentType = ContentType, ProgressTokens = progressTokens, Citations = citations };
        }

        var key = $"analyses/{job.OwnerId}/{job.Id}.txt";
        await objects.PutAsync(key, bytes, ContentType, cancellationToken);
        return new JobOutcome(JobStatus.Succeeded) { ResultLocation = key, ResultBytes = bytes.Length, ContentType = ContentType, ProgressTokens = progressTokens, Citations = citations };
    }

    /// <summary>A download URL for a stored result and when it stops working; null when the result is inline.</summary>
    public (Uri Url, DateTimeOffset ExpiresAt)? DownloadOf(JobRecord job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.ResultLocation is null || objects is null)
        {
            return null;
        }

        var expiresAt = now + options.Value.ResultUrlExpiry;
        return (objects.PresignGet(job.ResultLocation, expiresAt), expiresAt);
    }
}
