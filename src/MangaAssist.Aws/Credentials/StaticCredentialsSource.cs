namespace MangaAssist.Aws.Credentials;

/// <summary>Fixed keys from configuration; used locally against the emulators.</summary>
internal sealed class StaticCredentialsSource(AwsCredentials credentials) : IAwsCredentialsSource
{
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credentials);
}
