using System.Net.Http.Json;
using System.Text.Json;
using MangaAssist.LocalEdge.Stack;
using Microsoft.AspNetCore.Builder;
using BedrockStats = MangaAssist.Emulators.Bedrock.Diagnostics.StatsSnapshot;
using GatewayStats = MangaAssist.Emulators.ApiGateway.Diagnostics.StatsSnapshot;
using Transcript = MangaAssist.Emulators.Bedrock.Diagnostics.Transcript;
using TranscriptList = MangaAssist.Emulators.Bedrock.Diagnostics.TranscriptList;

namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>
/// The whole local edge on loopback, as LocalEdge runs it (one <see cref="LoopbackStack"/>): the
/// Bedrock emulator, the service and the API Gateway emulator, each a real Kestrel server on its
/// own port, with what the tests need to drive and inspect it.
/// </summary>
public sealed class EdgeStack : IAsyncDisposable
{
    /// <summary>How long a service may take to become ready (build its catalog index).</summary>
    public static readonly TimeSpan ReadyPatience = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The catalog's document embeddings, computed by the first stack and reused by the rest.</summary>
    internal static readonly string DocumentEmbeddingCache = Path.Combine(Path.GetTempPath(), "mangaassist-e2e-document-embeddings.bin");

    private readonly LoopbackStack _stack;

    private EdgeStack(LoopbackStack stack) => _stack = stack;

    public Uri BedrockUrl => _stack.BedrockUrl;

    public Uri ServiceUrl => _stack.ServiceUrl;

    public Uri GatewayUrl => _stack.GatewayUrl;

    public Uri WebSocketUrl => _stack.WebSocketUrl;

    /// <summary>The development token issuer every service instance of the stack trusts.</summary>
    public Uri IssuerUrl => _stack.IssuerUrl;

    /// <summary>A token for <paramref name="subject"/> from the stack's issuer.</summary>
    public Task<string> IssueTokenAsync(string subject) => _stack.IssueTokenAsync(subject);

    /// <summary>A guest token with a fresh issuer-chosen subject.</summary>
    public Task<string> IssueGuestTokenAsync() => _stack.IssueGuestTokenAsync();

    public HttpClient Http { get; } = new();

    /// <summary>What a direct call to the service's <c>/routes</c> must carry in X-MangaAssist-Integration-Secret.</summary>
    public string IntegrationSecret => _stack.IntegrationSecret;

    public IServiceProvider ServiceServices => _stack.Main.ServiceServices!;

    /// <summary>The searches the OpenSearch stand-in answered, when the stack runs one.</summary>
    public MangaAssist.Emulators.OpenSearch.Engine.SearchLedger? OpenSearchLedger => _stack.OpenSearchLedger;

    /// <param name="service">Extra service settings, e.g. <c>Streaming:MaxFrameBytes=1024</c>.</param>
    /// <param name="gateway">Extra gateway settings.</param>
    /// <param name="bedrock">Extra Bedrock emulator settings; pacing defaults to fast.</param>
    /// <param name="configureService">A last word on the service's builder, e.g. a different <see cref="TimeProvider"/>.</param>
    /// <param name="configureStack">A last word on the stack, e.g. <see cref="LoopbackStackBuilder.UseOpenSearchStandIn"/>.</param>
    public static async Task<EdgeStack> StartAsync(
        IEnumerable<string>? service = null,
        IEnumerable<string>? gateway = null,
        IEnumerable<string>? bedrock = null,
        Action<WebApplicationBuilder>? configureService = null,
        Action<LoopbackStackBuilder>? configureStack = null)
    {
        var builder = new LoopbackStackBuilder()
            .UseFastModel()
            .UseLogLevel("Warning")
            .ForService(
                // Tests send many messages from one session; the limits have tests of their own.
                "--SharedState:RateLimits:UserMessages:Capacity=1000000",
                "--SharedState:RateLimits:UserMessages:RefillPerSecond=1000000",
                "--SharedState:RateLimits:ConnectionMessages:Capacity=1000000",
                "--SharedState:RateLimits:ConnectionMessages:RefillPerSecond=1000000",
                "--SharedState:RateLimits:UserOutputTokens:Capacity=1000000000",
                "--SharedState:RateLimits:UserOutputTokens:RefillPerSecond=1000000000",
                $"--Retrieval:Embedded:EmbeddingCachePath={DocumentEmbeddingCache}")
            .ForService(service ?? [])
            .ForGateway(gateway ?? [])
            .ForBedrock(bedrock ?? []);
        if (configureService is not null)
        {
            builder.ConfigureService(configureService);
        }

        configureStack?.Invoke(builder);
        var stack = new EdgeStack(await builder.StartAsync());
        try
        {
            await stack.WaitUntilReadyAsync();
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A second service instance with its own gateway, sharing this stack's Bedrock emulator (and
    /// whatever Redis the settings name), as two Fargate tasks share Bedrock and ElastiCache.
    /// </summary>
    public async Task<EdgeInstance> AddInstanceAsync(IEnumerable<string>? service = null)
    {
        var instance = new EdgeInstance(await _stack.AddInstanceAsync(service), _stack.Tokens);
        await instance.WaitUntilReadyAsync(Http);
        return instance;
    }

    /// <summary>Waits for the service's readiness (its catalog index built), as a load balancer would.</summary>
    public Task WaitUntilReadyAsync() => _stack.Main.WaitUntilReadyAsync(Http, ReadyPatience);

    /// <summary>The shopper every socket of a test is unless the test names another: one principal, so resumes across sockets work.</summary>
    public const string Shopper = "shopper-e2e";

    /// <summary>A shopper's socket: a token for <paramref name="subject"/> from the stack's issuer, then <c>?token=</c>.</summary>
    public async Task<ChatSocket> ConnectAsync(string subject = Shopper)
    {
        var socket = new ChatSocket();
        await socket.ConnectAsync(_stack.ConnectUri(await _stack.IssueTokenAsync(subject)));
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
                // When a second call was made, say which: a continuation (prefill or a stream cut before it) or a re-run.
                return found.Count == 1 ? found[0] : throw new InvalidOperationException(
                    $"{found.Count} transcripts contain \"{contains}\": " + string.Join("; ", found.Select(t =>
                        $"#{t.Sequence} {t.ModelId} at {t.StartedAt:HH:mm:ss.fff} {t.Outcome} after {t.TokensSent} tokens, fault {t.Fault ?? "none"}, prefill {t.Prefill?.Length ?? 0} chars")));
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
        Http.Dispose();
        await _stack.DisposeAsync();
    }
}
