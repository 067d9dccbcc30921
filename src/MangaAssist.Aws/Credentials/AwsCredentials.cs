namespace MangaAssist.Aws.Credentials;

/// <summary>One set of AWS credentials; <see cref="Expiration"/> is null for long-term keys.</summary>
internal sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken, DateTimeOffset? Expiration = null)
{
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, Expiration = {Expiration} }}";
}
