using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Extensions;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.RateLimiting;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Sessions;
using MangaAssist.SharedState.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MangaAssist.SharedState.Tests.Extensions;

public sealed class AddSharedStateTests
{
    private static ServiceProvider CreateSut(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSharedState(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task AddSharedState_WithoutRedis_RegistersTheInMemoryImplementations()
    {
        await using var provider = CreateSut([]);

        provider.GetRequiredService<IResponseCache>().ShouldBeOfType<InMemoryResponseCache>();
        provider.GetRequiredService<IAnswerFlights>().ShouldBeOfType<InMemoryAnswerFlights>();
        provider.GetRequiredService<ISessionMemory>().ShouldBeOfType<InMemorySessionMemory>();
        provider.GetRequiredService<IFrameLog>().ShouldBeOfType<InMemoryFrameLog>();
        provider.GetRequiredService<IRateLimiter>().ShouldBeOfType<InMemoryRateLimiter>();
        provider.GetRequiredService<ISharedStateHealth>().Status.ShouldBe(SharedStateStatus.InMemory);
        (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public async Task AddSharedState_WithRedis_RegistersTheRedisImplementations_WithoutConnectingYet()
    {
        await using var provider = CreateSut(new() { ["Redis:Configuration"] = "127.0.0.1:1" });

        provider.GetRequiredService<IResponseCache>().ShouldBeOfType<RedisResponseCache>();
        provider.GetRequiredService<IAnswerFlights>().ShouldBeOfType<RedisAnswerFlights>();
        provider.GetRequiredService<ISessionMemory>().ShouldBeOfType<RedisSessionMemory>();
        provider.GetRequiredService<IFrameLog>().ShouldBeOfType<RedisFrameLog>();
        provider.GetRequiredService<IRateLimiter>().ShouldBeOfType<RedisRateLimiter>();
        provider.GetRequiredService<ISharedStateHealth>().Status.ShouldBe(SharedStateStatus.Connecting);
        (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status.ShouldBe(HealthStatus.Unhealthy);
    }

    [Fact]
    public async Task AddSharedState_RedisStillAbsentAfterTheStartupPatience_IsDegradedNotUnready()
    {
        await using var provider = CreateSut(new() { ["Redis:Configuration"] = "127.0.0.1:1", ["Redis:StartupPatience"] = "00:00:00" });

        provider.GetRequiredService<ISharedStateHealth>().Status.ShouldBe(SharedStateStatus.Unavailable);
        (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status.ShouldBe(HealthStatus.Degraded);
    }

    [Fact]
    public async Task AddSharedState_AvailableRedis_ReportsHealthy()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var provider = CreateSut(new() { ["Redis:Configuration"] = redis.Configuration });

        await provider.GetRequiredService<IResponseCache>().TryGetAsync(ResponseCacheKey.Create("m", "q", "", "stateless"));

        (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public async Task StartupValidation_ReportsEveryProblemAtOnce_ByConfigurationKey()
    {
        await using var provider = CreateSut(new()
        {
            ["Redis:Configuration"] = "host:6379,connectTimeout=notanumber",
            ["Redis:OperationTimeout"] = "00:00:00",
            ["Redis:CircuitBreaker:FailureRatio"] = "2",
            ["SharedState:FrameLog:Ttl"] = "00:00:30",
            ["SharedState:RateLimits:UserMessages:Capacity"] = "0",
            ["SharedState:AnswerFlights:PollInterval"] = "00:00:20",
        });

        var failure = Should.Throw<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var message = string.Join("\n", failure.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        message.ShouldContain("Redis:Configuration: is not a StackExchange.Redis configuration string");
        message.ShouldContain("Redis:OperationTimeout");
        message.ShouldContain("Redis:CircuitBreaker:FailureRatio");
        message.ShouldContain("SharedState:FrameLog:WriterSilenceTimeout: must be shorter than Ttl");
        message.ShouldContain("SharedState:RateLimits:UserMessages:Capacity");
        message.ShouldContain("SharedState:AnswerFlights:PollInterval: must be shorter than LeaseDuration");
    }

    [Fact]
    public async Task StartupValidation_Defaults_AreValid()
    {
        await using var provider = CreateSut([]);

        Should.NotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }
}

public sealed class RedisServerTests
{
    [Fact]
    public async Task StartAsync_WithoutTheExecutable_SaysHowToInstallRedis()
    {
        var failure = await Should.ThrowAsync<InvalidOperationException>(() => RedisServer.StartAsync("redis-server-not-installed"));

        failure.Message.ShouldContain("apt-get install -y redis-server");
    }
}
