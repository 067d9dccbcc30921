using Amazon.Runtime;
using MangaAssist.Aws.Credentials;

namespace MangaAssist.Aws.S3;

/// <summary>The service's one credentials source, as the AWS SDK asks for it: the S3 client signs with the same keys as every other client.</summary>
internal sealed class SdkCredentials(IAwsCredentialsSource source) : AWSCredentials
{
    public override ImmutableCredentials GetCredentials() =>
        ToImmutable(source.GetCredentialsAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult());

    public override async Task<ImmutableCredentials> GetCredentialsAsync() =>
        ToImmutable(await source.GetCredentialsAsync(CancellationToken.None));

    private static ImmutableCredentials ToImmutable(AwsCredentials credentials) =>
        new(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
}
