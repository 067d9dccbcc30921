using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MangaAssist.ServiceDefaults.Configuration;

/// <summary>
/// Registers options the one way every MangaAssist project does: bound from a section, DataAnnotations
/// enforced on the whole tree, the extra checks run, and every problem reported at start-up.
/// </summary>
public static class ValidatedOptionsExtensions
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <c>configuration.GetSection(section)</c>; messages name keys as <c>Section:Key</c>.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(
        this IServiceCollection services, IConfiguration configuration, string section, OptionsCheck<TOptions>? check = null)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddValidatedOptions(configuration.GetSection(section), check);
    }

    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/>; messages name keys by the section's path.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(
        this IServiceCollection services, IConfiguration section, OptionsCheck<TOptions>? check = null)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<TOptions>().Bind(section);
        return services.AddOptionsValidation((section as IConfigurationSection)?.Path ?? "", check);
    }

    /// <summary>
    /// Validates <typeparamref name="TOptions"/> without binding them (they are configured another way), naming keys
    /// under <paramref name="section"/>. The first registration for a type wins, so calling it twice adds no duplicates.
    /// </summary>
    public static OptionsBuilder<TOptions> AddOptionsValidation<TOptions>(this IServiceCollection services, string section, OptionsCheck<TOptions>? check = null)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new ValidatedOptionsValidator<TOptions>(section, check)));
        return services.AddOptions<TOptions>().ValidateOnStart();
    }

    /// <summary>An extra check of <typeparamref name="TOptions"/> that needs a service, such as other options or the host environment.</summary>
    public static IServiceCollection AddOptionsCheck<TOptions, TDependency>(
        this IServiceCollection services, string section, Action<TOptions, TDependency, OptionsProblems> check)
        where TOptions : class
        where TDependency : notnull
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(check);
        services.AddSingleton<IValidateOptions<TOptions>>(provider => new DependentOptionsValidator<TOptions, TDependency>(provider, section, check));
        services.AddOptions<TOptions>().ValidateOnStart();
        return services;
    }
}
