using MangaAssist.SharedState.Jobs;
using MangaAssist.SharedState.Redis;
using MangaAssist.ServiceDefaults.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MangaAssist.SharedState.Work;

public static class WorkServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IWorkQueue"/>, <see cref="IWorkAnnouncements"/> and <see cref="IJobStore"/> on Redis when <c>Redis:Configuration</c> is set,
    /// in memory otherwise; options from <c>SharedState:Work</c> and <c>SharedState:Jobs</c>. Call after <c>AddSharedState</c>.
    /// </summary>
    public static IServiceCollection AddSharedWork(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<WorkQueueOptions>(configuration, "SharedState:Work");
        services.AddValidatedOptions<JobStoreOptions>(configuration, "SharedState:Jobs");
        services.TryAddSingleton<IWorkQueue>(static sp => UsesRedis(sp)
            ? new RedisWorkQueue(sp.GetRequiredService<RedisGateway>(), Value<WorkQueueOptions>(sp))
            : new InMemoryWorkQueue(Value<WorkQueueOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IWorkAnnouncements>(static sp => UsesRedis(sp)
            ? new RedisWorkAnnouncements(sp.GetRequiredService<RedisGateway>())
            : new InMemoryWorkAnnouncements());
        services.TryAddSingleton<IJobStore>(static sp => UsesRedis(sp)
            ? new RedisJobStore(sp.GetRequiredService<RedisGateway>(), Value<JobStoreOptions>(sp), sp.GetRequiredService<TimeProvider>())
            : new InMemoryJobStore(Value<JobStoreOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static bool UsesRedis(IServiceProvider services) => Value<RedisConnectionOptions>(services).IsConfigured;

    private static T Value<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
