using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MangaAssist.ServiceDefaults.Configuration;

/// <summary>An extra check that needs a service (other options, the host environment); its failures join the section's others.</summary>
internal sealed class DependentOptionsValidator<TOptions, TDependency>(
    IServiceProvider services,
    string section,
    Action<TOptions, TDependency, OptionsProblems> check) : IValidateOptions<TOptions>
    where TOptions : class
    where TDependency : notnull
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (name is not null && name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = new OptionsProblems(section);
        check(options, services.GetRequiredService<TDependency>(), problems);
        return problems.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Failures);
    }
}
