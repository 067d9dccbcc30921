using System.Diagnostics;
using System.Net.Http.Json;
using MangaAssist.LocalEdge.Stack;
using MangaAssist.LocalEdge.Stack.Fleet;

namespace MangaAssist.LoadTest.Stack;

/// <summary>
/// The fleet variant (<c>--fleet N</c>): N service processes (ECS tasks) behind ONE gateway emulator that health-checks
/// them as an ALB target group would, all sharing the started redis-server. The services are
/// <see cref="ServiceProcess"/>es, so the run can SIGKILL one or restart each in turn.
/// </summary>
internal sealed partial class StartedStack
{
    private readonly List<ServiceProcess> _services = [];

    /// <summary>The fleet's service processes in the gateway's target order (service-1 first); empty without <c>--fleet</c>.</summary>
    public IReadOnlyList<ServiceProcess> Services => _services;

    private async Task StartFleetAsync(BuildLocation build, int count, string[] common, string[] redis, CancellationToken cancellationToken)
    {
        var plan = new LoopbackStackBuilder()
            .UseUrls(BedrockUrl, ServiceUrl, GatewayUrl)
            .UseIssuerUrl(IssuerUrl)
            .UseServiceInstances(count)
            .UseSharedGateway()
            .ForAll(common)
            .ForService(redis)
            .RunServiceElsewhere()
            .Plan();
        Start("bedrock-emulator", build.Dll("MangaAssist.Emulators.Bedrock"), plan.BedrockArgs);
        Start("token-issuer", build.Dll("MangaAssist.Emulators.TokenIssuer"), plan.IssuerArgs);
        // One after the other: each builds its catalog index at start, on the same two cores.
        foreach (var (instance, i) in plan.Instances.Select((instance, i) => (instance, i)))
        {
            var start = ServiceProcessStart.For($"service-{i + 1}", instance) with { ServiceAssembly = build.Dll("MangaAssist.Orchestrator") };
            _services.Add(await StartServiceAsync(start, cancellationToken));
        }

        Start("gateway-emulator", build.Dll("MangaAssist.Emulators.ApiGateway"), plan.Main.GatewayArgs);
        Description = $"{count} service processes ({build.Configuration} build) behind one API Gateway emulator that health-checks them " +
                      "(/health/ready every 250 ms), Bedrock emulator, token issuer";
    }

    /// <summary>
    /// Starts one service; a second try when its readiness probe timed out (ServiceProcess's own HttpClient gives up
    /// after 5 s, which a saturated machine can exceed while the service builds its catalog index).
    /// </summary>
    private static async Task<ServiceProcess> StartServiceAsync(ServiceProcessStart start, CancellationToken cancellationToken)
    {
        try
        {
            return await ServiceProcess.StartAsync(start, cancellationToken);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await ServiceProcess.StartAsync(start, cancellationToken);
        }
    }

    /// <summary>Waits until the gateway has every service in service (its targets all healthy).</summary>
    public async Task WaitForHealthyTargetsAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        if (_services.Count == 0)
        {
            return;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var targets = await http.GetFromJsonAsync<TargetState[]>(new Uri(GatewayUrl, "/_emulator/targets"), cancellationToken) ?? [];
            if (targets.Length == _services.Count && targets.All(t => t.Health == "healthy"))
            {
                return;
            }

            if (waited.Elapsed > patience)
            {
                throw new LoadToolException($"The gateway's targets were not all healthy after {patience.TotalSeconds:0} s: " +
                    string.Join(", ", targets.Select(t => $"{t.BaseUrl} {t.Health}")) + $"; see {LogPath}.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Waits until the gateway has the service at <paramref name="serviceUrl"/> back in service.</summary>
    public async Task WaitForTargetAsync(Uri serviceUrl, TimeSpan patience, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = serviceUrl.ToString().TrimEnd('/');
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < patience)
        {
            var targets = await http.GetFromJsonAsync<TargetState[]>(new Uri(GatewayUrl, "/_emulator/targets"), cancellationToken) ?? [];
            if (targets.Any(t => t.BaseUrl == url && t.Health == "healthy"))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new LoadToolException($"The gateway did not put {url} back in service within {patience.TotalSeconds:0} s; see {LogPath}.");
    }

    /// <summary>Stops the services (SIGTERM, 20 s each at most) and writes their last output to the log.</summary>
    private async Task StopFleetAsync()
    {
        foreach (var service in _services)
        {
            try
            {
                if (!service.HasExited)
                {
                    await service.TerminateAsync(TimeSpan.FromSeconds(20));
                }
            }
            catch (InvalidOperationException)
            {
            }

            WriteLog(service.Name, service.Output.ToString());
            await service.DisposeAsync();
        }
    }

    /// <summary>One target as the gateway emulator's <c>GET /_emulator/targets</c> shows it.</summary>
    internal sealed record TargetState(string BaseUrl, string Health);
}
