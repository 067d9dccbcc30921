using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MangaAssist.ServiceDefaults.Configuration;

/// <summary>The one way options are checked: DataAnnotations (nested objects and collections too), then the extra checks; every problem in one result.</summary>
public static class OptionsValidation
{
    public static ValidateOptionsResult Validate<TOptions>(TOptions options, string section, params ReadOnlySpan<OptionsCheck<TOptions>> checks)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new OptionsProblems(section);
        DataAnnotationsWalker.Validate(options, section, problems);
        foreach (var check in checks)
        {
            check(options, problems);
        }

        return problems.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Failures);
    }

    /// <summary>
    /// Binds and validates options before a host exists (an app that needs its listen address to build the host);
    /// throws <see cref="OptionsValidationException"/> listing every problem.
    /// </summary>
    public static TOptions Load<TOptions>(IConfiguration configuration, string section, params ReadOnlySpan<OptionsCheck<TOptions>> checks)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TOptions();
        configuration.GetSection(section).Bind(options);
        var result = Validate(options, section, checks);
        return result.Failed ? throw new OptionsValidationException(section, typeof(TOptions), result.Failures) : options;
    }
}
