using System.Net.Http.Json;
using System.Net.WebSockets;
using MangaAssist.Emulators.ApiGateway.Diagnostics;
using Microsoft.AspNetCore.Builder;

namespace MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;

/// <summary>The emulator on a loopback port, wired to a <see cref="RecordingBackend"/>, plus clients to drive it.</summary>
internal sealed class GatewayUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<GatewayClient> _clients = [];

    private GatewayUnderTest(WebApplication app, RecordingBackend backend, Uri address)
    {
        _app = app;
        Backend = backend;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public RecordingBackend Backend { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>Starts a backend and the emulator; <paramref name="settings"/> are ApiGatewayEmulator keys, e.g. ("IdleTimeout", "00:00:01").</summary>
    public static Task<GatewayUnderTest> StartAsync(params (string Key, string Value)[] settings) =>
        StartAsync(TimeProvider.System, settings);

    public static async Task<GatewayUnderTest> StartAsync(TimeProvider clock, params (string Key, string Value)[] settings)
    {
        var backend = await RecordingBackend.StartAsync();
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            $"--ApiGatewayEmulator:IntegrationBaseUrl={backend.BaseUrl}",
        };

        // Later command-line values win, so a test may override the integration base URL too.
        args.AddRange(settings.Select(s => $"--ApiGatewayEmulator:{s.Key}={s.Value}"));

        var app = ApiGatewayEmulatorApp.Create([.. args], clock);
        await app.StartAsync();
        return new GatewayUnderTest(app, backend, app.GetListenAddress());
    }

    public Uri WebSocketUri(string pathAndQuery = "/local") =>
        new($"ws://{Address.Authority}{pathAndQuery}");

    /// <summary>Connects a client and learns its id from the <c>$connect</c> call, matched by a unique query marker.</summary>
    public async Task<GatewayClient> ConnectAsync(string path = "/local", Action<ClientWebSocketOptions>? configure = null)
    {
        var marker = Guid.NewGuid().ToString("N");
        var separator = path.Contains('?') ? '&' : '?';
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        await socket.ConnectAsync(WebSocketUri($"{path}{separator}client={marker}"), Guard.Token());
        var client = new GatewayClient(socket, await OpenConnectionIdAsync(marker));
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>
    /// The id of the open connection whose <c>$connect</c> carried <paramref name="marker"/>. Usually the marker's
    /// only <c>$connect</c>; if the client's HTTP stack retried the upgrade, an earlier attempt's id is already gone.
    /// </summary>
    private async Task<string> OpenConnectionIdAsync(string marker)
    {
        var deadline = DateTime.UtcNow + Guard.Wait;
        await Backend.WaitForCallAsync(c => IsConnectOf(c, marker));
        while (true)
        {
            var attempts = Backend.Calls.Where(c => IsConnectOf(c, marker)).Select(c => c.ConnectionId).ToArray();
            var listing = await Http.GetFromJsonAsync<ConnectionListing>("/_emulator/connections", Guard.Token());
            var open = attempts.Intersect(listing!.ConnectionIds).ToArray();
            if (open.Length == 1)
            {
                return open[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No single open connection for this client: $connect ids [{string.Join(", ", attempts)}], open [{string.Join(", ", listing.ConnectionIds)}]");
            }

            await Task.Delay(10);
        }
    }

    private static bool IsConnectOf(RecordedCall call, string marker) =>
        call.RouteKey == "$connect" && call.QueryString.Contains(marker, StringComparison.Ordinal);

    private sealed record ConnectionListing(string[] ConnectionIds);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, byte[]? body = null, bool signed = true) =>
        Http.SendAsync(ManagementRequests.Create(method, path, body, signed), Guard.Token());

    public Task<HttpResponseMessage> PostToConnectionAsync(string connectionId, byte[] data, string stagePrefix = "/local") =>
        SendAsync(HttpMethod.Post, $"{stagePrefix}/@connections/{Uri.EscapeDataString(connectionId)}", data);

    public async Task<StatsSnapshot> StatsAsync() =>
        (await Http.GetFromJsonAsync<StatsSnapshot>("/_emulator/stats", Guard.Token()))!;

    /// <summary>Waits until the stats satisfy a condition (the emulator updates them asynchronously).</summary>
    public async Task<StatsSnapshot> WaitForStatsAsync(Func<StatsSnapshot, bool> condition)
    {
        var token = Guard.Token();
        while (true)
        {
            var stats = await StatsAsync();
            if (condition(stats))
            {
                return stats;
            }

            await Task.Delay(20, token);
        }
    }

    /// <summary>Stops the emulator (as a host shutdown does) without disposing the backend.</summary>
    public Task StopEmulatorAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            if (client.Socket.State == WebSocketState.Open)
            {
                client.Socket.Abort();
            }

            await client.DisposeAsync();
        }

        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
