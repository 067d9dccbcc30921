using MangaAssist.SharedState.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MangaAssist.SharedState.Extensions;

/// <summary>Starts connecting to Redis with the host, so the first request doesn't pay for it; says which mode runs.</summary>
internal sealed class SharedStateStartup : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;

    public SharedStateStartup(IServiceProvider services, ILogger<SharedStateStartup> logger)
    {
        _services = services;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_services.GetRequiredService<IOptions<RedisConnectionOptions>>().Value.IsConfigured)
        {
            _services.GetRequiredService<RedisGateway>().StartConnecting();
        }
        else
        {
            Log.UsingMemory(_logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
