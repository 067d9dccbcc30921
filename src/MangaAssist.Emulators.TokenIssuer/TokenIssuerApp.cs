using MangaAssist.Emulators.TokenIssuer.Configuration;
using MangaAssist.Emulators.TokenIssuer.Diagnostics;
using MangaAssist.Emulators.TokenIssuer.Extensions;
using MangaAssist.Emulators.TokenIssuer.Keys;
using MangaAssist.Emulators.TokenIssuer.Tokens;
using MangaAssist.ServiceDefaults.Configuration;
using MangaAssist.ServiceDefaults.Telemetry;

namespace MangaAssist.Emulators.TokenIssuer;

/// <summary>
/// Composition of the development token issuer (an OpenID Connect issuer's token-validation surface: discovery,
/// JWKS, signed JWTs). The same app runs standalone, inside LocalEdge and in tests. Settings come from the
/// <c>TokenIssuer</c> configuration section (<see cref="TokenIssuerOptions"/>).
/// </summary>
public static class TokenIssuerApp
{
    /// <exception cref="TokenIssuerRefusedException">The environment is Production.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is invalid; the message lists every problem.</exception>
    public static WebApplication Create(string[] args) => Create(args, TimeProvider.System);

    /// <summary>Composition with a given clock for <c>iat</c>, <c>nbf</c> and <c>exp</c>.</summary>
    public static WebApplication Create(string[] args, TimeProvider timeProvider)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(TokenIssuerApp).Assembly.GetName().Name,
        });
        if (builder.Environment.IsProduction())
        {
            throw new TokenIssuerRefusedException();
        }

        // Bound before the host is built: the listen address shapes the host itself.
        var options = OptionsValidation.Load<TokenIssuerOptions>(builder.Configuration, TokenIssuerOptions.SectionName, TokenIssuerOptionsChecks.Check);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(options.ListenUrl);
        }

        builder.Services.AddSingleton(timeProvider);
        builder.Services.AddTokenIssuer(options);
        builder.Services.AddCors();
        builder.AddServiceTelemetry("mangaassist-token-issuer");

        var app = builder.Build();
        app.UseCors();
        app.MapKeysApi();
        app.MapTokensApi();
        app.Lifetime.ApplicationStarted.Register(() => Log.Started(app.Logger, app.Services.GetRequiredService<IssuerAddress>().Value));
        return app;
    }

    /// <summary>The started issuer's identifier (its <c>iss</c>, also the base URL of its endpoints).</summary>
    public static Uri GetIssuer(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Uri(app.Services.GetRequiredService<IssuerAddress>().Value);
    }
}
