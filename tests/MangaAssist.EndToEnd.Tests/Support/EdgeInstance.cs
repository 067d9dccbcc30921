using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using GatewayStats = MangaAssist.Emulators.ApiGateway.Diagnostics.StatsSnapshot;

namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>An extra service instance behind its own gateway emulator (see <see cref="EdgeStack.AddInstanceAsync"/>).</summary>
public sealed class EdgeInstance(WebApplication service, WebApplication gateway, Uri serviceUrl, Uri gatewayUrl) : IAsyncDisposable
{
    public Uri ServiceUrl { get; } = serviceUrl;

    public Uri GatewayUrl { get; } = gatewayUrl;

    public async Task<ChatSocket> ConnectAsync()
    {
        var socket = new ChatSocket();
        await socket.ConnectAsync(new Uri($"ws://{GatewayUrl.Authority}/"));
        return socket;
    }

    public async Task<GatewayStats> GatewayStatsAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<GatewayStats>(new Uri(GatewayUrl, "/_emulator/stats"), new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;

    public async Task WaitUntilReadyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await http.GetAsync(new Uri(ServiceUrl, "/health/ready"))).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The second instance was not ready after 60 s.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await gateway.StopAsync();
        await service.StopAsync();
        await gateway.DisposeAsync();
        await service.DisposeAsync();
    }
}
