using MangaAssist.Emulators.ApiGateway.Configuration;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.ApiGateway.Hosting;

/// <summary>Binds and validates the options before the host is built, so a bad setting stops start-up with every problem listed.</summary>
internal static class OptionsLoader
{
    public static ApiGatewayEmulatorOptions Load(IConfiguration configuration)
    {
        var options = new ApiGatewayEmulatorOptions();
        configuration.GetSection(ApiGatewayEmulatorOptions.SectionName).Bind(options);
        var result = new ApiGatewayEmulatorOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(ApiGatewayEmulatorOptions.SectionName, typeof(ApiGatewayEmulatorOptions), result.Failures);
        }

        return options;
    }
}
