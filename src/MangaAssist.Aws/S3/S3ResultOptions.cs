using System.ComponentModel.DataAnnotations;


namespace MangaAssist.Aws.S3;

/// <summary>Section <c>S3</c>: where large analysis results are stored. Without <see cref="Bucket"/> none are.</summary>
public sealed class S3ResultOptions
{
    /// <summary>Bucket of the results; empty means no object store (large results stay inline).</summary>
    /// <value>The default value is null.</value>
    public string? Bucket { get; set; }

    /// <summary>AWS region; also the SigV4 scope region.</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    [Required]
    public string Region { get; set; } = "us-east-1";

    /// <summary>Endpoint override, for example <c>http://127.0.0.1:4568</c> for s3rver.</summary>
    /// <value>The default value is null: the region's S3 endpoint.</value>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Path-style addressing (<c>{endpoint}/{bucket}/{key}</c>), which local stand-ins need.</summary>
    /// <value>The default value is false.</value>
    public bool ForcePathStyle { get; set; }

    /// <summary>Create the bucket at start-up when it is missing (local stand-ins start empty).</summary>
    /// <value>The default value is false.</value>
    public bool CreateBucket { get; set; }

    /// <summary>
    /// Keys for S3 alone, when they differ from the service's (s3rver accepts only its own, <c>S3RVER</c>/<c>S3RVER</c>);
    /// unset, S3 signs with the service's shared credentials.
    /// </summary>
    /// <value>The default value is null.</value>
    public string? AccessKeyId { get; set; }

    /// <summary>The secret of <see cref="AccessKeyId"/>.</summary>
    /// <value>The default value is null.</value>
    [MangaAssist.ServiceDefaults.Configuration.Secret]
    public string? SecretAccessKey { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Bucket);
}
