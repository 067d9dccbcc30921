namespace MangaAssist.LocalEdge.Stack.Fleet;

/// <summary>What a <see cref="ServiceFleet"/> starts.</summary>
public sealed record ServiceFleetOptions
{
    /// <summary>How many service processes (ECS tasks) run behind the one gateway.</summary>
    public int Services { get; init; } = 2;

    /// <summary>The Redis every service shares (StackExchange.Redis configuration string): the fleet's shared state.</summary>
    public required string RedisConfiguration { get; init; }

    /// <summary>How often the gateway checks each service's readiness (its target group's health check).</summary>
    public TimeSpan HealthCheckInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Settings on the stack: log level, model pacing, service settings (<see cref="LoopbackStackBuilder.ForService"/>) and so on.</summary>
    public Action<LoopbackStackBuilder>? ConfigureStack { get; init; }

    /// <summary>Extra environment variables of every service process.</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>How long each service may take to become ready.</summary>
    public TimeSpan ReadinessPatience { get; init; } = TimeSpan.FromMinutes(2);
}
