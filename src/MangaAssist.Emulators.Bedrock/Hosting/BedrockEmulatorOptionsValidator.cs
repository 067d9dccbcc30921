using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.Bedrock.Hosting;

/// <summary>Checks the whole options object at start-up and reports every problem at once.</summary>
internal sealed class BedrockEmulatorOptionsValidator : IValidateOptions<BedrockEmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, BedrockEmulatorOptions options)
    {
        var failures = new List<string>();

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r =>
                $"{BedrockEmulatorOptions.SectionName}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }

        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{BedrockEmulatorOptions.SectionName}:Url: '{options.Url}' is not an absolute http:// or https:// URL.");
        }

        foreach (var id in options.AdditionalModelIds)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Any(char.IsWhiteSpace))
            {
                failures.Add($"{BedrockEmulatorOptions.SectionName}:AdditionalModelIds: '{id}' is not a model id (empty or contains whitespace).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
