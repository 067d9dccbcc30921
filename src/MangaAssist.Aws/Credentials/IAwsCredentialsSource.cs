namespace MangaAssist.Aws.Credentials;

/// <summary>Hands out credentials for signing. Implementations answer from memory on the hot path.</summary>
internal interface IAwsCredentialsSource
{
    ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}
