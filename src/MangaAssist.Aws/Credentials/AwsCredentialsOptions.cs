using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Aws.Credentials;

/// <summary>Credentials shared by every AWS client of the service.</summary>
public sealed class AwsCredentialsOptions
{
    /// <summary>Where credentials come from.</summary>
    /// <value>The default value is <see cref="AwsCredentialsMode.DefaultChain"/>.</value>
    public AwsCredentialsMode Mode { get; set; } = AwsCredentialsMode.DefaultChain;

    /// <summary>Access key id; required when <see cref="Mode"/> is <see cref="AwsCredentialsMode.Static"/>.</summary>
    /// <value>The default value is null.</value>
    public string? AccessKeyId { get; set; }

    /// <summary>Secret access key; required when <see cref="Mode"/> is <see cref="AwsCredentialsMode.Static"/>.</summary>
    /// <value>The default value is null.</value>
    [Secret]
    public string? SecretAccessKey { get; set; }

    /// <summary>Session token for temporary static credentials.</summary>
    /// <value>The default value is null.</value>
    [Secret]
    public string? SessionToken { get; set; }
}
