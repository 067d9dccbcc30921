using MangaAssist.Emulators.ApiGateway.Configuration;
using MangaAssist.Emulators.ApiGateway.Diagnostics;
using MangaAssist.Emulators.ApiGateway.Faults;
using MangaAssist.Emulators.ApiGateway.Extensions;
using MangaAssist.Emulators.ApiGateway.Management;
using MangaAssist.ServiceDefaults.Configuration;
using MangaAssist.ServiceDefaults.Hosting;
using MangaAssist.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MangaAssist.Emulators.ApiGateway;

/// <summary>
/// Composition of the API Gateway WebSocket API emulator; the same app runs standalone, inside LocalEdge and in tests.
/// Settings come from the <c>ApiGatewayEmulator</c> configuration section (<see cref="ApiGatewayEmulatorOptions"/>).
/// </summary>
public static class ApiGatewayEmulatorApp
{
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is invalid; the message lists every problem.</exception>
    public static WebApplication Create(string[] args) => Create(args, TimeProvider.System);

    /// <summary>Composition with a given clock for idle, lifetime and timeout timers (tests move it by hand).</summary>
    internal static WebApplication Create(string[] args, TimeProvider timeProvider)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(timeProvider);
        // Bound before the host is built: the listen address and the stage shape the host itself.
        var options = OptionsValidation.Load<ApiGatewayEmulatorOptions>(builder.Configuration, ApiGatewayEmulatorOptions.SectionName, ApiGatewayEmulatorOptionsChecks.Check);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(options.ListenUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.UseProtocols(options.HttpProtocols));
        if (options.HttpProtocols == HttpProtocols.Http1AndHttp2)
        {
            // Kestrel warns at start that cleartext HTTP/2 needs TLS; the preface detection (UseProtocols) is what serves it.
            builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);
        }
        builder.Services.AddApiGatewayEmulator(options);
        builder.AddServiceTelemetry("mangaassist-apigateway-emulator");
        // Hosting's request lines print the full URL, and a client's URL carries its token: the emulator logs paths only.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        var app = builder.Build();
        app.UseWebSockets();
        app.MapClientWebSockets(options.Stage);
        app.MapConnectionsApi(options.Stage);
        app.MapFaultsApi();
        app.MapConnectionDropApi();
        app.MapDiagnosticsApi();
        app.Lifetime.ApplicationStarted.Register(() => Log.Started(
            app.Logger,
            options.Stage,
            string.Join(" ", options.EffectiveIntegrationBaseUrls),
            string.Join(", ", options.EffectiveRoutes.Select(route => $"{route.Key}→{route.Value}"))));
        return app;
    }

    /// <summary>The first address the started app listens on, with the real port when it was started on port 0.</summary>
    public static Uri GetListenAddress(this WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The emulator is not listening yet; call StartAsync first.");
        return new Uri(first);
    }
}
