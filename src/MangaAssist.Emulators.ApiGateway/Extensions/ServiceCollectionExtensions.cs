using MangaAssist.Emulators.ApiGateway.Configuration;
using MangaAssist.Emulators.ApiGateway.Connections;
using MangaAssist.Emulators.ApiGateway.Diagnostics;
using MangaAssist.Emulators.ApiGateway.Faults;
using MangaAssist.Emulators.ApiGateway.Integration;
using MangaAssist.Emulators.ApiGateway.Routing;
using MangaAssist.Emulators.ApiGateway.Targets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.ApiGateway.Extensions;

internal static class ServiceCollectionExtensions
{
    public static IServiceCollection AddApiGatewayEmulator(this IServiceCollection services, ApiGatewayEmulatorOptions options)
    {
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GatewayStats>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<RouteTable>();
        services.AddSingleton<IntegrationHttpClient>();
        services.AddSingleton<TargetGroup>();
        services.AddHostedService<TargetHealthMonitor>();
        services.AddSingleton<IntegrationClient>();
        services.AddSingleton<ConnectParameterMapper>();
        services.AddSingleton<MessageDispatcher>();
        services.AddSingleton<ConnectionSession>();
        services.AddSingleton<WebSocketEndpoint>();
        services.AddSingleton<FaultInjector>();
        services.AddHostedService<ConnectionDrainer>();
        return services;
    }
}
