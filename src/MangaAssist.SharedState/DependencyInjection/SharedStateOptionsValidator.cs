using System.Collections;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MangaAssist.SharedState.DependencyInjection;

/// <summary>
/// Runs the data-annotation rules of the options and of their nested option objects, then the type's own
/// checks, and reports every problem at once, each named by its configuration key.
/// </summary>
internal class SharedStateOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly string _section;
    private readonly Action<TOptions, Action<string, string>>? _check;

    public SharedStateOptionsValidator(string section, Action<TOptions, Action<string, string>>? check = null)
    {
        _section = section;
        _check = check;
    }

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        Collect(options, _section, failures);
        _check?.Invoke(options, (member, message) => failures.Add($"{_section}:{member}: {message}"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object options, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            failures.Add($"{path}:{string.Join(", ", result.MemberNames)}: {result.ErrorMessage}");
        }

        foreach (var property in options.GetType().GetProperties())
        {
            if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(property.PropertyType)
                && property.PropertyType.Namespace?.StartsWith("MangaAssist.SharedState", StringComparison.Ordinal) == true)
            {
                if (property.GetValue(options) is { } nested)
                {
                    Collect(nested, $"{path}:{property.Name}", failures);
                }
                else
                {
                    failures.Add($"{path}:{property.Name}: is required.");
                }
            }
        }
    }
}
