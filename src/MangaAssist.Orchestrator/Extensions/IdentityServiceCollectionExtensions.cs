using MangaAssist.Orchestrator.Identity;
using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Orchestrator.Extensions;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Who may connect: the token validator (OIDC authority and guest issuer), guest tokens, and their options.</summary>
    public static IServiceCollection AddShopperIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<IdentityOptions>(configuration, IdentityOptions.SectionName);
        services.AddOptionsCheck<IdentityOptions, IHostEnvironment>(IdentityOptions.SectionName, IdentityOptionsChecks.Check);
        services.AddSingleton<GuestTokens>();
        services.AddSingleton<ShopperTokenValidator>();
        return services;
    }
}
