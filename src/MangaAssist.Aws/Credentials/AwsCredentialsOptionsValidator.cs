using MangaAssist.Aws.DependencyInjection;

namespace MangaAssist.Aws.Credentials;

internal sealed class AwsCredentialsOptionsValidator : OptionsValidatorBase<AwsCredentialsOptions>
{
    protected override string DisplayName => "Aws:Credentials";

    protected override void Check(AwsCredentialsOptions options, Action<string, string> fail)
    {
        if (!Enum.IsDefined(options.Mode))
        {
            fail(nameof(options.Mode), $"'{options.Mode}' is not one of DefaultChain, Static.");
        }

        if (options.Mode != AwsCredentialsMode.Static)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.AccessKeyId))
        {
            fail(nameof(options.AccessKeyId), "is required when Mode is Static.");
        }

        if (string.IsNullOrWhiteSpace(options.SecretAccessKey))
        {
            fail(nameof(options.SecretAccessKey), "is required when Mode is Static.");
        }
    }
}
