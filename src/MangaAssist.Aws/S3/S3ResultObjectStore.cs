using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace MangaAssist.Aws.S3;

/// <summary>
/// Results in S3 through AWSSDK.S3. Uploads are not chunk-encoded (a stand-in like s3rver would store the chunk
/// framing in the object); URLs for an <c>http://</c> endpoint are pre-signed as HTTP, else the SDK writes https.
/// </summary>
internal sealed class S3ResultObjectStore(IAmazonS3 client, S3ResultOptions options) : IResultObjectStore, IDisposable
{
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(content.ToArray(), writable: false);
        await client.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = options.Bucket,
                Key = key,
                InputStream = body,
                ContentType = contentType,
                UseChunkEncoding = false,
                AutoCloseStream = false,
            },
            cancellationToken);
    }

    public Uri PresignGet(string key, DateTimeOffset expiresAt) => new(client.GetPreSignedURL(new GetPreSignedUrlRequest
    {
        BucketName = options.Bucket,
        Key = key,
        Verb = HttpVerb.GET,
        Expires = expiresAt.UtcDateTime,
        Protocol = options.ServiceUrl?.Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS,
    }));

    /// <summary>Creates the bucket when it is missing (local stand-ins start empty).</summary>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = options.Bucket }, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Made earlier, by this instance or another.
        }
    }

    public static AmazonS3Client CreateClient(AWSCredentials credentials, S3ResultOptions options)
    {
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle, AuthenticationRegion = options.Region };
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url.ToString();
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        return new AmazonS3Client(credentials, config);
    }

    public void Dispose() => client.Dispose();
}
