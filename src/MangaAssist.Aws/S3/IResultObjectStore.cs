namespace MangaAssist.Aws.S3;

/// <summary>Large results kept outside the job record and handed out as a time-limited download URL.</summary>
public interface IResultObjectStore
{
    Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>A pre-signed GET URL for <paramref name="key"/> that works until <paramref name="expiresAt"/>.</summary>
    Uri PresignGet(string key, DateTimeOffset expiresAt);
}
