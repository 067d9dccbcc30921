using System.Net.Http.Json;
using System.Text.Json;
using MangaAssist.LocalEdge.Stack;
using GatewayStats = MangaAssist.Emulators.ApiGateway.Diagnostics.StatsSnapshot;

namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>An extra service instance behind its own gateway emulator (see <see cref="EdgeStack.AddInstanceAsync"/>); the stack stops it.</summary>
public sealed class EdgeInstance(LoopbackInstance instance, DevTokenClient tokens)
{
    public Uri ServiceUrl => instance.ServiceUrl;

    public Uri GatewayUrl => instance.GatewayUrl;

    public IServiceProvider ServiceServices => instance.ServiceServices!;

    /// <summary>Stops this instance's gateway and service (the service's hosted work sees its stopping token).</summary>
    public Task StopAsync() => instance.StopAsync();

    /// <summary>A shopper's socket on this instance; the same subject is the same principal as on the stack's main instance.</summary>
    public async Task<ChatSocket> ConnectAsync(string subject = EdgeStack.Shopper)
    {
        var socket = new ChatSocket();
        await socket.ConnectAsync(instance.ConnectUri(await tokens.IssueTokenAsync(subject)));
        return socket;
    }

    public async Task<GatewayStats> GatewayStatsAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<GatewayStats>(new Uri(GatewayUrl, "/_emulator/stats"), new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;

    public Task WaitUntilReadyAsync(HttpClient http) => instance.WaitUntilReadyAsync(http, EdgeStack.ReadyPatience);
}
