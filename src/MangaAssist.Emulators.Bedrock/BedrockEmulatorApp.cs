using MangaAssist.Emulators.Bedrock.Authorization;
using MangaAssist.Emulators.Bedrock.Configuration;
using MangaAssist.Emulators.Bedrock.Diagnostics;
using MangaAssist.Emulators.Bedrock.Extensions;
using MangaAssist.ServiceDefaults.Hosting;
using MangaAssist.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MangaAssist.Emulators.Bedrock;

/// <summary>
/// Composition of the local Amazon Bedrock Runtime emulator. The same app runs standalone, inside LocalEdge and
/// inside tests (<c>--urls http://127.0.0.1:0</c>; read the bound address from <c>app.Urls</c> after start).
/// </summary>
public static class BedrockEmulatorApp
{
    public static WebApplication Create(string[] args) => Create(args, configure: null);

    /// <param name="args">Command line; <c>--BedrockEmulator:Key=value</c> sets options, <c>--urls</c> the address.</param>
    /// <param name="configure">Optional last word on the builder (for example a different <see cref="TimeProvider"/>).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(BedrockEmulatorApp).Assembly.GetName().Name,
        });

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            var url = builder.Configuration[$"{BedrockEmulatorOptions.SectionName}:{nameof(BedrockEmulatorOptions.Url)}"];
            builder.WebHost.UseUrls(string.IsNullOrEmpty(url) ? new BedrockEmulatorOptions().Url : url);
        }

        // Emulated resets and stalls end streams with EmulatedConnectionDropException, which Kestrel reports as an
        // application error; at fault rates of a few percent that would bury every other log line.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Critical);
        builder.Services.AddBedrockEmulator(builder.Configuration);
        builder.AddServiceTelemetry("mangaassist-bedrock-emulator");

        var protocols = builder.Configuration.GetSection(BedrockEmulatorOptions.SectionName).GetValue(nameof(BedrockEmulatorOptions.HttpProtocols), new BedrockEmulatorOptions().HttpProtocols);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.UseProtocols(protocols));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseAuthorizationHeaderRequirement();
        app.MapBedrockRuntime();
        app.MapEmulatorControl();

        app.Lifetime.ApplicationStarted.Register(() => LogListening(app));

        return app;
    }

    private static void LogListening(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BedrockEmulatorApp));
        if (logger.IsEnabled(LogLevel.Information))
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var listening = string.Join(", ", addresses);
            Log.Listening(logger, listening);
        }
    }
}
