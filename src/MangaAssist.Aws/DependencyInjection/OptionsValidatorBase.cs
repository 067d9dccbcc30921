using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MangaAssist.Aws.DependencyInjection;

/// <summary>Runs the data-annotation rules and the type's own checks, and reports every problem in one result.</summary>
internal abstract class OptionsValidatorBase<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    protected abstract string DisplayName { get; }

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = string.Join(", ", result.MemberNames);
            failures.Add($"{DisplayName}:{members}: {result.ErrorMessage}");
        }

        Check(options, (member, message) => failures.Add($"{DisplayName}:{member}: {message}"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    protected abstract void Check(TOptions options, Action<string, string> fail);

    protected static void CheckEndpoint(Uri? endpoint, string member, Action<string, string> fail)
    {
        if (endpoint is not null && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            fail(member, $"'{endpoint}' must be an absolute http:// or https:// address.");
        }
    }
}
