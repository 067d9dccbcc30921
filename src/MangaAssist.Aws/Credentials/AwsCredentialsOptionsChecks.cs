using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Aws.Credentials;

/// <summary>Static credentials need both halves of the key; the values are secrets and never appear in a message.</summary>
internal static class AwsCredentialsOptionsChecks
{
    public static void Check(AwsCredentialsOptions options, OptionsProblems problems)
    {
        if (!Enum.IsDefined(options.Mode))
        {
            problems.Add(nameof(options.Mode), $"'{options.Mode}' is not one of DefaultChain, Static.");
        }

        if (options.Mode != AwsCredentialsMode.Static)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.AccessKeyId))
        {
            problems.Add(nameof(options.AccessKeyId), "is required when Mode is Static.");
        }

        if (string.IsNullOrWhiteSpace(options.SecretAccessKey))
        {
            problems.Add(nameof(options.SecretAccessKey), "is required when Mode is Static.");
        }
    }
}
