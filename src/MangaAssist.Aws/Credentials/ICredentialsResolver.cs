namespace MangaAssist.Aws.Credentials;

/// <summary>The slow part of getting credentials (files, environment, STS, the ECS container endpoint).</summary>
internal interface ICredentialsResolver
{
    Task<AwsCredentials> ResolveAsync(CancellationToken cancellationToken);
}
