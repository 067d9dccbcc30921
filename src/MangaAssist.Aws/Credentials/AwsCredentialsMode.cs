namespace MangaAssist.Aws.Credentials;

/// <summary>Where AWS credentials come from.</summary>
public enum AwsCredentialsMode
{
    /// <summary>AWSSDK.Core's default chain: environment, profile, web identity, ECS container credentials, instance metadata.</summary>
    DefaultChain = 0,

    /// <summary>The keys in <see cref="AwsCredentialsOptions"/> (local runs against the emulators).</summary>
    Static = 1,
}
