using MangaAssist.Orchestrator.Identity;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Apis;

/// <summary>
/// CORS for <c>POST /v1/guest-tokens</c>: a store's chat page on its own origin asks for a guest token before it
/// opens the socket. Only the origins in <c>Identity:Guests:AllowedOrigins</c> (none by default) may.
/// </summary>
public static class GuestTokenCors
{
    public const string PolicyName = "guest-tokens";

    public static IServiceCollection AddGuestTokenCors(this IServiceCollection services)
    {
        services.AddCors();
        // Read when the first request needs it, so a bad identity section still fails at start-up validation, not here.
        services.AddOptions<CorsOptions>().Configure<IOptions<IdentityOptions>>((cors, identity) =>
            cors.AddPolicy(PolicyName, policy => policy.WithOrigins(identity.Value.Guests.AllowedOrigins).WithMethods("POST").WithHeaders("Content-Type")));
        return services;
    }
}
