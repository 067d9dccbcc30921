using System.Diagnostics;
using MangaAssist.Retrieval;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MangaAssist.LocalEdge.Stack;

/// <summary>A started service instance (unless it runs elsewhere) and the gateway emulator in front of it.</summary>
public sealed class LoopbackInstance : IAsyncDisposable
{
    private readonly WebApplication? _service;
    private readonly WebApplication? _gateway;

    private LoopbackInstance(LoopbackInstancePlan plan, WebApplication? service, WebApplication? gateway)
    {
        Plan = plan;
        _service = service;
        _gateway = gateway;
    }

    public LoopbackInstancePlan Plan { get; }

    public Uri ServiceUrl => Plan.ServiceUrl;

    public Uri GatewayUrl => Plan.GatewayUrl;

    public Uri WebSocketUrl => Plan.WebSocketUrl;

    /// <summary>This instance's gateway URL for a shopper holding <paramref name="token"/>.</summary>
    public Uri ConnectUri(string token) => Plan.ConnectUri(token);

    /// <summary>The in-process service's container; null when the service runs elsewhere.</summary>
    public IServiceProvider? ServiceServices => _service?.Services;

    internal IEnumerable<WebApplication> Apps => new[] { _service, _gateway }.OfType<WebApplication>();

    /// <summary>
    /// Longest wait for an in-process service's readiness before its gateway opens anyway (the service then still
    /// holds early questions until its index is built, for a bounded time): the readiness check's own patience.
    /// </summary>
    public static readonly TimeSpan ReadinessPatience = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Starts the service first and opens the gateway's public port only once the service is ready (its catalog index
    /// built), as a load balancer adds a task only after its health check passes: no shopper's first answer goes out
    /// without catalog passages because it came too early.
    /// </summary>
    internal static async Task<LoopbackInstance> StartAsync(LoopbackInstancePlan plan, Action<WebApplicationBuilder>? configureService, bool serviceIsExternal)
    {
        var service = serviceIsExternal ? null : Orchestrator.OrchestratorApp.Create([.. plan.ServiceArgs], configureService);
        var gateway = plan.HasOwnGateway ? Emulators.ApiGateway.ApiGatewayEmulatorApp.Create([.. plan.GatewayArgs]) : null;
        if (service is not null)
        {
            await service.StartAsync();
            await service.Services.GetRequiredService<IRetrievalReadiness>().WaitUntilReadyAsync(ReadinessPatience, CancellationToken.None);
        }

        if (gateway is not null)
        {
            await gateway.StartAsync();
        }

        return new LoopbackInstance(plan, service, gateway);
    }

    /// <summary>Waits for the service's readiness (its catalog index built), as a load balancer would.</summary>
    /// <exception cref="TimeoutException">Not ready within <paramref name="patience"/>; the message has the last answer.</exception>
    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan patience)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.GetAsync(new Uri(ServiceUrl, "/health/ready"));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (waited.Elapsed > patience)
            {
                throw new TimeoutException($"The service at {ServiceUrl} was not ready after {patience.TotalSeconds:0} s: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The gateway first, so no new work arrives; then the service drains.</summary>
    public async Task StopAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
        }

        if (_service is not null)
        {
            await _service.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}
