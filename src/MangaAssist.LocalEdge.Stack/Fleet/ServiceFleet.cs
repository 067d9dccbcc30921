using System.Net.Http.Json;
using MangaAssist.Emulators.ApiGateway.Targets;

namespace MangaAssist.LocalEdge.Stack.Fleet;

/// <summary>
/// Several service processes as ECS tasks behind one API: the Bedrock emulator, the token issuer and ONE API Gateway
/// emulator run in this process (a <see cref="LoopbackStack"/>), the services each in their own process sharing
/// one Redis. The gateway calls the services in turn, health-checks them (<c>/health/ready</c>) and skips the
/// unhealthy ones; every service posts to the same <c>@connections</c>, so any of them can finish any answer.
/// </summary>
public sealed class ServiceFleet : IAsyncDisposable
{
    private readonly List<ServiceProcess> _services = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private ServiceFleet(LoopbackStack stack, ServiceFleetOptions options)
    {
        Stack = stack;
        Options = options;
    }

    public ServiceFleetOptions Options { get; }

    /// <summary>The emulators and the gateway, in this process (Bedrock stats and transcripts, tokens, the plan).</summary>
    public LoopbackStack Stack { get; }

    /// <summary>The service processes, in the gateway's target order.</summary>
    public IReadOnlyList<ServiceProcess> Services => _services;

    public Uri GatewayUrl => Stack.GatewayUrl;

    public Uri WebSocketUrl => Stack.WebSocketUrl;

    public Uri BedrockUrl => Stack.BedrockUrl;

    /// <summary>The gateway URL for a shopper holding <paramref name="token"/>.</summary>
    public Uri ConnectUri(string token) => Stack.ConnectUri(token);

    /// <summary>A signed-in shopper's token: the same subject is the same principal on every service.</summary>
    public Task<string> IssueTokenAsync(string subject, CancellationToken cancellationToken = default) =>
        Stack.IssueTokenAsync(subject, cancellationToken);

    /// <summary>Starts the emulators and the gateway, then every service; returns when all are ready and in service at the gateway.</summary>
    public static async Task<ServiceFleet> StartAsync(ServiceFleetOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Services, 1);
        var builder = new LoopbackStackBuilder()
            .UseServiceInstances(options.Services)
            .UseSharedGateway(options.HealthCheckInterval)
            .UseRedis(options.RedisConfiguration)
            .RunServiceElsewhere();
        options.ConfigureStack?.Invoke(builder);
        var stack = await builder.StartAsync();
        var fleet = new ServiceFleet(stack, options);
        try
        {
            // One after the other: each builds its catalog index at start, and two cores are shared by all.
            foreach (var (instance, i) in stack.Plan.Instances.Select((instance, i) => (instance, i)))
            {
                var start = ServiceProcessStart.For($"service-{i + 1}", instance) with
                {
                    Environment = options.ServiceEnvironment,
                    ReadinessPatience = options.ReadinessPatience,
                };
                fleet._services.Add(await ServiceProcess.StartAsync(start, cancellationToken));
            }

            await fleet.WaitForTargetsAsync(targets => targets.All(t => t.Health == "healthy"), options.ReadinessPatience, cancellationToken);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>The gateway's view of its targets (<c>GET /_emulator/targets</c>), in target order.</summary>
    public async Task<IReadOnlyList<TargetView>> TargetsAsync(CancellationToken cancellationToken = default) =>
        await _http.GetFromJsonAsync<TargetView[]>(new Uri(GatewayUrl, "/_emulator/targets"), cancellationToken) ?? [];

    /// <summary>Waits until the gateway's targets satisfy <paramref name="condition"/>.</summary>
    /// <exception cref="TimeoutException">Not within <paramref name="patience"/>; the message has the last view.</exception>
    public async Task WaitForTargetsAsync(Func<IReadOnlyList<TargetView>, bool> condition, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var targets = await TargetsAsync(cancellationToken);
            if (condition(targets))
            {
                return;
            }

            if (waited.Elapsed > patience)
            {
                throw new TimeoutException($"The gateway's targets did not reach the expected state in {patience.TotalSeconds:0} s: {string.Join(", ", targets)}");
            }

            await Task.Delay(Options.HealthCheckInterval / 2, cancellationToken);
        }
    }

    /// <summary>
    /// A rolling-restart step: SIGTERM (the service drains; the gateway takes it out of service), start it again on
    /// the same address, and wait until the gateway has it back in service.
    /// </summary>
    public async Task RestartAsync(ServiceProcess service, TimeSpan? terminatePatience = null, CancellationToken cancellationToken = default)
    {
        await service.RestartAsync(terminatePatience, cancellationToken);
        var url = service.ServiceUrl.ToString().TrimEnd('/');
        await WaitForTargetsAsync(targets => targets.Any(t => t.BaseUrl == url && t.Health == "healthy"), Options.ReadinessPatience, cancellationToken);
    }

    /// <summary>The gateway's target for <paramref name="service"/>.</summary>
    public async Task<TargetView> TargetOfAsync(ServiceProcess service, CancellationToken cancellationToken = default)
    {
        var url = service.ServiceUrl.ToString().TrimEnd('/');
        return (await TargetsAsync(cancellationToken)).Single(t => t.BaseUrl == url);
    }

    /// <summary>Kills every service (they are test doubles of tasks; nothing needs draining), then stops the emulators.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }

        await Stack.DisposeAsync();
        _http.Dispose();
    }
}
