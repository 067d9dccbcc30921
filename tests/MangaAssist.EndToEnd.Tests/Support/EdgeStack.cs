using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using MangaAssist.Emulators.ApiGateway;
using MangaAssist.Emulators.Bedrock;
using MangaAssist.Orchestrator;
using Microsoft.AspNetCore.Builder;
using BedrockStats = MangaAssist.Emulators.Bedrock.Diagnostics.StatsSnapshot;
using GatewayStats = MangaAssist.Emulators.ApiGateway.Diagnostics.StatsSnapshot;
using Transcript = MangaAssist.Emulators.Bedrock.Diagnostics.Transcript;
using TranscriptList = MangaAssist.Emulators.Bedrock.Diagnostics.TranscriptList;

namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>
/// The whole local edge on loopback, as LocalEdge runs it: the Bedrock emulator, the service and
/// the API Gateway emulator, each a real Kestrel server on its own port.
/// </summary>
public sealed class EdgeStack : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _bedrock;
    private readonly WebApplication _service;
    private readonly WebApplication _gateway;

    private EdgeStack(WebApplication bedrock, WebApplication service, WebApplication gateway, Uri bedrockUrl, Uri serviceUrl, Uri gatewayUrl)
    {
        _bedrock = bedrock;
        _service = service;
        _gateway = gateway;
        BedrockUrl = bedrockUrl;
        ServiceUrl = serviceUrl;
        GatewayUrl = gatewayUrl;
        Http = new HttpClient();
    }

    /// <summary>The catalog's document embeddings, computed by the first stack and reused by the rest.</summary>
    private static readonly string DocumentEmbeddingCache = Path.Combine(Path.GetTempPath(), "mangaassist-e2e-document-embeddings.bin");

    public Uri BedrockUrl { get; }

    public Uri ServiceUrl { get; }

    public Uri GatewayUrl { get; }

    public Uri WebSocketUrl => new($"ws://{GatewayUrl.Authority}/");

    public HttpClient Http { get; }

    public IServiceProvider ServiceServices => _service.Services;

    /// <param name="service">Extra service settings, e.g. <c>Streaming:MaxFrameBytes=1024</c>.</param>
    /// <param name="gateway">Extra gateway settings.</param>
    /// <param name="bedrock">Extra Bedrock emulator settings; pacing defaults to fast.</param>
    /// <param name="configureService">A last word on the service's builder, e.g. a different <see cref="TimeProvider"/>.</param>
    public static async Task<EdgeStack> StartAsync(
        IEnumerable<string>? service = null,
        IEnumerable<string>? gateway = null,
        IEnumerable<string>? bedrock = null,
        Action<WebApplicationBuilder>? configureService = null)
    {
        var bedrockUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var serviceUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var gatewayUrl = new Uri($"http://127.0.0.1:{FreePort()}");

        var bedrockApp = BedrockEmulatorApp.Create([
            $"--urls={bedrockUrl}",
            "--BedrockEmulator:TimeToFirstTokenMs=5",
            "--BedrockEmulator:TokensPerSecond=2000",
            "--Logging:LogLevel:Default=Warning",
            .. bedrock ?? []]);
        var serviceApp = CreateService(serviceUrl, bedrockUrl, gatewayUrl, service, configureService);
        var gatewayApp = CreateGateway(gatewayUrl, serviceUrl, gateway);
        await bedrockApp.StartAsync();
        await serviceApp.StartAsync();
        await gatewayApp.StartAsync();
        var stack = new EdgeStack(bedrockApp, serviceApp, gatewayApp, bedrockUrl, serviceUrl, gatewayUrl);
        stack._serviceArgs = [.. service ?? []];
        stack._configureService = configureService;
        await stack.WaitUntilReadyAsync();
        return stack;
    }

    private IReadOnlyList<string> _serviceArgs = [];
    private Action<WebApplicationBuilder>? _configureService;
    private readonly List<EdgeInstance> _instances = [];

    /// <summary>
    /// A second service instance with its own gateway, sharing this stack's Bedrock emulator (and
    /// whatever Redis the settings name), as two Fargate tasks share Bedrock and ElastiCache.
    /// </summary>
    public async Task<EdgeInstance> AddInstanceAsync(IEnumerable<string>? service = null)
    {
        var serviceUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var gatewayUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var serviceApp = CreateService(serviceUrl, BedrockUrl, gatewayUrl, [.. _serviceArgs, .. service ?? []], _configureService);
        var gatewayApp = CreateGateway(gatewayUrl, serviceUrl, null);
        await serviceApp.StartAsync();
        await gatewayApp.StartAsync();
        var instance = new EdgeInstance(serviceApp, gatewayApp, serviceUrl, gatewayUrl);
        _instances.Add(instance);
        await instance.WaitUntilReadyAsync(Http);
        return instance;
    }

    private static WebApplication CreateService(Uri serviceUrl, Uri bedrockUrl, Uri gatewayUrl, IEnumerable<string>? service, Action<WebApplicationBuilder>? configureService) =>
        OrchestratorApp.Create([
            $"--urls={serviceUrl}",
            $"--Bedrock:Endpoint={bedrockUrl}",
            $"--ApiGatewayManagement:Endpoint={gatewayUrl}local",
            "--Aws:Credentials:Mode=Static",
            "--Aws:Credentials:AccessKeyId=AKIDENDTOEND",
            "--Aws:Credentials:SecretAccessKey=end-to-end-secret",
            "--Logging:LogLevel:Default=Warning",
            // Tests send many messages from one session; the limits have tests of their own.
            "--SharedState:RateLimits:UserMessages:Capacity=1000000",
            "--SharedState:RateLimits:UserMessages:RefillPerSecond=1000000",
            "--SharedState:RateLimits:ConnectionMessages:Capacity=1000000",
            "--SharedState:RateLimits:ConnectionMessages:RefillPerSecond=1000000",
            "--SharedState:RateLimits:UserOutputTokens:Capacity=1000000000",
            "--SharedState:RateLimits:UserOutputTokens:RefillPerSecond=1000000000",
            $"--Retrieval:Embedded:EmbeddingCachePath={DocumentEmbeddingCache}",
            .. service ?? []], configureService);

    private static WebApplication CreateGateway(Uri gatewayUrl, Uri serviceUrl, IEnumerable<string>? gateway) =>
        ApiGatewayEmulatorApp.Create([
            $"--urls={gatewayUrl}",
            "--ApiGatewayEmulator:Stage=local",
            $"--ApiGatewayEmulator:IntegrationBaseUrl={serviceUrl.ToString().TrimEnd('/')}",
            "--Logging:LogLevel:Default=Warning",
            .. gateway ?? []]);

    /// <summary>Waits for the service's readiness (its catalog index built), as a load balancer would.</summary>
    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await Http.GetAsync(new Uri(ServiceUrl, "/health/ready"));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The service was not ready after 60 s: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(50);
        }
    }

    public async Task<ChatSocket> ConnectAsync()
    {
        var socket = new ChatSocket();
        await socket.ConnectAsync(WebSocketUrl);
        return socket;
    }

    public async Task<BedrockStats> BedrockStatsAsync() =>
        (await Http.GetFromJsonAsync<BedrockStats>(new Uri(BedrockUrl, "/_emulator/stats"), Json))!;

    public async Task<GatewayStats> GatewayStatsAsync() =>
        (await Http.GetFromJsonAsync<GatewayStats>(new Uri(GatewayUrl, "/_emulator/stats"), Json))!;

    /// <summary>The model's answers whose last user message contains <paramref name="contains"/>.</summary>
    public async Task<IReadOnlyList<Transcript>> TranscriptsAsync(string contains) =>
        (await Http.GetFromJsonAsync<TranscriptList>(new Uri(BedrockUrl, $"/_emulator/transcripts?contains={Uri.EscapeDataString(contains)}"), Json))!.Transcripts;

    /// <summary>
    /// The one finished answer whose last user message contains <paramref name="contains"/>. The
    /// emulator records an answer when its stream ends, which can be a moment after the client
    /// saw its terminal frame, so this polls.
    /// </summary>
    public async Task<Transcript> TranscriptAsync(string contains)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var found = await TranscriptsAsync(contains);
            if (found.Count > 0 || DateTime.UtcNow > deadline)
            {
                return found.Count == 1 ? found[0] : throw new InvalidOperationException($"{found.Count} transcripts contain \"{contains}\".");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Polls the Bedrock emulator's counters until <paramref name="condition"/> holds (or 15 s pass).</summary>
    public async Task<BedrockStats> BedrockStatsWhenAsync(Func<BedrockStats, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var stats = await BedrockStatsAsync();
            if (condition(stats) || DateTime.UtcNow > deadline)
            {
                return stats;
            }

            await Task.Delay(25);
        }
    }

    public async Task SetBedrockFaultsAsync(object faults) =>
        (await Http.PostAsJsonAsync(new Uri(BedrockUrl, "/_emulator/faults"), faults)).EnsureSuccessStatusCode();

    public async Task ClearBedrockFaultsAsync() =>
        (await Http.DeleteAsync(new Uri(BedrockUrl, "/_emulator/faults"))).EnsureSuccessStatusCode();

    public async Task SetGatewayFaultsAsync(object faults) =>
        (await Http.PostAsJsonAsync(new Uri(GatewayUrl, "/_emulator/faults"), faults)).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        Http.Dispose();
        await _gateway.StopAsync();
        await _service.StopAsync();
        await _bedrock.StopAsync();
        await _gateway.DisposeAsync();
        await _service.DisposeAsync();
        await _bedrock.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
