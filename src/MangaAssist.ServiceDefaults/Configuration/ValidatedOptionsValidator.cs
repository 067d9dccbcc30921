using Microsoft.Extensions.Options;

namespace MangaAssist.ServiceDefaults.Configuration;

/// <summary>Validates the unnamed options of one section with <see cref="OptionsValidation"/>.</summary>
internal sealed class ValidatedOptionsValidator<TOptions>(string section, OptionsCheck<TOptions>? check) : IValidateOptions<TOptions>
    where TOptions : class
{
    public string Section => section;

    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        name is not null && name != Options.DefaultName ? ValidateOptionsResult.Skip
        : check is null ? OptionsValidation.Validate(options, section)
        : OptionsValidation.Validate(options, section, check);
}
