using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.Phases;
using MangaAssist.SharedState.RateLimiting;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Sessions;
using MangaAssist.SharedState.Shoppers;
using MangaAssist.SharedState.Spend;
using MangaAssist.ServiceDefaults.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Extensions;

/// <summary>Registers the shared state of MangaAssist: Redis when <c>Redis:Configuration</c> is set, otherwise in memory.</summary>
public static class SharedStateServiceCollectionExtensions
{
    public const string RedisSection = "Redis";
    public const string SharedStateSection = "SharedState";

    /// <summary>
    /// Registers <see cref="IResponseCache"/>, <see cref="IAnswerFlights"/>, <see cref="ISessionMemory"/>,
    /// <see cref="IFrameLog"/>, <see cref="IRateLimiter"/>, <see cref="ISpendWindow"/>, <see cref="IConnectionPrincipals"/>, <see cref="IShopperDataEraser"/> and
    /// <see cref="ISharedStateHealth"/> as singletons, a <c>shared_state</c> health check and a hosted
    /// service that starts connecting. Options come from the sections <c>Redis</c> and
    /// <c>SharedState:{ResponseCache, AnswerFlights, SessionMemory, FrameLog, RateLimits, ConnectionPrincipals}</c>
    /// of <paramref name="configuration"/> (the root) and are validated at start-up.
    /// </summary>
    public static IServiceCollection AddSharedState(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddLogging();
        services.TryAddSingleton<SharedStateTelemetry>();

        AddOptions<RedisConnectionOptions>(services, configuration, RedisSection, CheckRedis);
        AddOptions<ResponseCacheOptions>(services, configuration, $"{SharedStateSection}:ResponseCache");
        AddOptions(services, configuration, $"{SharedStateSection}:AnswerFlights", static (AnswerFlightsOptions options, OptionsProblems problems) =>
        {
            if (options.PollInterval >= options.LeaseDuration)
            {
                problems.Add(nameof(options.PollInterval), $"must be shorter than LeaseDuration ({options.LeaseDuration}).");
            }
        });
        AddOptions<SessionMemoryOptions>(services, configuration, $"{SharedStateSection}:SessionMemory");
        AddOptions(services, configuration, $"{SharedStateSection}:FrameLog", static (FrameLogOptions options, OptionsProblems problems) =>
        {
            if (options.WriterSilenceTimeout >= options.Ttl)
            {
                problems.Add(nameof(options.WriterSilenceTimeout), $"must be shorter than Ttl ({options.Ttl}).");
            }
        });
        AddOptions<RateLimitOptions>(services, configuration, $"{SharedStateSection}:RateLimits");
        AddOptions<ConnectionPrincipalsOptions>(services, configuration, $"{SharedStateSection}:ConnectionPrincipals");

        services.TryAddSingleton<RedisConnectionAnnouncer>();
        services.TryAddSingleton(static sp => new RedisGateway(
            Value<RedisConnectionOptions>(sp), sp.GetRequiredService<SharedStateTelemetry>(), sp.GetRequiredService<ILogger<RedisGateway>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<RedisConnectionAnnouncer>()));
        services.TryAddSingleton(static sp => new InMemoryResponseCache(Value<ResponseCacheOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new InMemoryAnswerFlights(Value<AnswerFlightsOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new InMemorySessionMemory(Value<SessionMemoryOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new InMemoryFrameLog(Value<FrameLogOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new InMemorySpendWindow(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new InMemoryRateLimiter(Value<RateLimitOptions>(sp), sp.GetRequiredService<TimeProvider>()));

        services.TryAddSingleton(static sp => new InMemoryConnectionPrincipals(Value<ConnectionPrincipalsOptions>(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new InMemoryShopperDataEraser(sp.GetRequiredService<InMemorySessionMemory>(), sp.GetRequiredService<InMemoryFrameLog>()));

        services.TryAddSingleton<ISharedStateHealth>(static sp => UsesRedis(sp) ? sp.GetRequiredService<RedisGateway>() : new InMemorySharedStateHealth());
        services.TryAddSingleton<IResponseCache>(static sp => UsesRedis(sp)
            ? new RedisResponseCache(sp.GetRequiredService<RedisGateway>(), sp.GetRequiredService<InMemoryResponseCache>(), Value<ResponseCacheOptions>(sp), sp.GetRequiredService<SharedStateTelemetry>(), sp.GetRequiredService<ILogger<RedisResponseCache>>())
            : sp.GetRequiredService<InMemoryResponseCache>());
        services.TryAddSingleton(static sp => new RedisAnswerFlights(
            sp.GetRequiredService<RedisGateway>(), sp.GetRequiredService<InMemoryAnswerFlights>(), Value<AnswerFlightsOptions>(sp), sp.GetRequiredService<SharedStateTelemetry>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RedisAnswerFlights>>()));
        services.TryAddSingleton<IAnswerFlights>(static sp => UsesRedis(sp) ? sp.GetRequiredService<RedisAnswerFlights>() : sp.GetRequiredService<InMemoryAnswerFlights>());
        services.TryAddSingleton<ISessionMemory>(static sp => UsesRedis(sp)
            ? new RedisSessionMemory(sp.GetRequiredService<RedisGateway>(), sp.GetRequiredService<InMemorySessionMemory>(), Value<SessionMemoryOptions>(sp), sp.GetRequiredService<SharedStateTelemetry>(), sp.GetRequiredService<ILogger<RedisSessionMemory>>())
            : sp.GetRequiredService<InMemorySessionMemory>());
        services.TryAddSingleton<IFrameLog>(static sp => UsesRedis(sp)
            ? new RedisFrameLog(sp.GetRequiredService<RedisGateway>(), Value<FrameLogOptions>(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RedisFrameLog>>())
            : sp.GetRequiredService<InMemoryFrameLog>());
        services.TryAddSingleton<IRateLimiter>(static sp => UsesRedis(sp)
            ? new RedisRateLimiter(sp.GetRequiredService<RedisGateway>(), sp.GetRequiredService<InMemoryRateLimiter>(), Value<RateLimitOptions>(sp), sp.GetRequiredService<SharedStateTelemetry>(), sp.GetRequiredService<ILogger<RedisRateLimiter>>())
            : sp.GetRequiredService<InMemoryRateLimiter>());
        services.TryAddSingleton<ISpendWindow>(static sp => UsesRedis(sp)
            ? new RedisSpendWindow(sp.GetRequiredService<RedisGateway>(), sp.GetRequiredService<InMemorySpendWindow>(), sp.GetRequiredService<SharedStateTelemetry>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RedisSpendWindow>>())
            : sp.GetRequiredService<InMemorySpendWindow>());

        services.TryAddSingleton<IConnectionPrincipals>(static sp => UsesRedis(sp)
            ? new RedisConnectionPrincipals(sp.GetRequiredService<RedisGateway>(), sp.GetRequiredService<InMemoryConnectionPrincipals>(), Value<ConnectionPrincipalsOptions>(sp), sp.GetRequiredService<SharedStateTelemetry>(), sp.GetRequiredService<ILogger<RedisConnectionPrincipals>>())
            : sp.GetRequiredService<InMemoryConnectionPrincipals>());
        services.TryAddSingleton<IForgetAnnouncements>(static sp => UsesRedis(sp)
            ? new RedisForgetAnnouncements(sp.GetRequiredService<RedisGateway>())
            : new LocalForgetAnnouncements());
        services.TryAddSingleton<IShopperDataEraser>(static sp => UsesRedis(sp)
            ? new RedisShopperDataEraser(sp.GetRequiredService<RedisGateway>(), sp.GetRequiredService<InMemoryShopperDataEraser>())
            : sp.GetRequiredService<InMemoryShopperDataEraser>());

        if (!string.IsNullOrWhiteSpace(configuration[$"{RedisSection}:{nameof(RedisConnectionOptions.Configuration)}"]))
        {
            AddAnswerPhases(services);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, SharedStateStartup>());
        services.AddHealthChecks().AddCheck<SharedStateHealthCheck>("shared_state", tags: ["ready"]);
        return services;
    }

    // Only with Redis: in memory there is no round trip to save, and the pipeline calls the capabilities one by one.
    private static void AddAnswerPhases(IServiceCollection services)
    {
        services.TryAddSingleton(static sp => new LocalParts(
            sp.GetRequiredService<InMemoryRateLimiter>(), sp.GetRequiredService<InMemorySessionMemory>(), sp.GetRequiredService<InMemorySpendWindow>(),
            sp.GetRequiredService<InMemoryResponseCache>(), sp.GetRequiredService<SharedStateTelemetry>(), sp.GetRequiredService<ILogger<LocalParts>>()));
        services.TryAddSingleton<IAnswerPhases>(static sp => new RedisAnswerPhases(
            sp.GetRequiredService<RedisGateway>(), sp.GetRequiredService<RedisAnswerFlights>(), sp.GetRequiredService<LocalParts>(),
            new PhaseOptions(Value<RateLimitOptions>(sp), Value<SessionMemoryOptions>(sp), Value<FrameLogOptions>(sp), Value<ResponseCacheOptions>(sp), Value<Work.WorkQueueOptions>(sp)),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RedisAnswerPhases>>()));
    }

    private static bool UsesRedis(IServiceProvider services) => Value<RedisConnectionOptions>(services).IsConfigured;

    private static T Value<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;

    private static void AddOptions<T>(IServiceCollection services, IConfiguration configuration, string section, OptionsCheck<T>? check = null)
        where T : class =>
        services.AddValidatedOptions(configuration, section, check);

    // The configuration string may hold a password, so messages never quote it.
    private static void CheckRedis(RedisConnectionOptions options, OptionsProblems problems)
    {
        if (!options.IsConfigured)
        {
            return;
        }

        try
        {
            if (ConfigurationOptions.Parse(options.Configuration!).EndPoints.Count == 0)
            {
                problems.Add(nameof(options.Configuration), "names no endpoint; expected e.g. 'host:6379' (leave it empty to keep shared state in memory).");
            }
        }
        catch (ArgumentException ex)
        {
            problems.Add(nameof(options.Configuration), $"is not a StackExchange.Redis configuration string: {ex.Message}");
        }
    }
}
