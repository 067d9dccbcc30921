using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace MangaAssist.Aws.Credentials;

/// <summary>
/// AWSSDK.Core's default chain: environment variables, shared profile, web identity token, ECS container
/// credentials and instance metadata, in the SDK's order.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "Lives as long as the credentials singleton; disposing the SDK resolver at shutdown would race a background refresh still using it.")]
internal sealed class SdkDefaultChainResolver : ICredentialsResolver
{
    private readonly DefaultAWSCredentialsIdentityResolver _resolver = new();

    public async Task<AwsCredentials> ResolveAsync(CancellationToken cancellationToken)
    {
        var identity = await _resolver.ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false);
        var credentials = await identity.GetCredentialsAsync().ConfigureAwait(false);
        DateTimeOffset? expiration = identity is RefreshingAWSCredentials refreshing && refreshing.Expiration is { } expires
            ? new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc))
            : null;
        return new AwsCredentials(credentials.AccessKey, credentials.SecretKey, credentials.UseToken ? credentials.Token : null, expiration);
    }
}
