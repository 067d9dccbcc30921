using MangaAssist.Emulators.TokenIssuer.Configuration;
using MangaAssist.Emulators.TokenIssuer.Keys;
using MangaAssist.Emulators.TokenIssuer.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.TokenIssuer.Extensions;

internal static class ServiceCollectionExtensions
{
    public static IServiceCollection AddTokenIssuer(this IServiceCollection services, TokenIssuerOptions options)
    {
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<IssuerAddress>();
        services.AddSingleton<TokenMinter>();
        return services;
    }
}
