using System.Net.Http.Json;
using System.Text.Json;
using MangaAssist.LocalEdge.Stack;
using MangaAssist.LocalEdge.Stack.Fleet;
using MangaAssist.SharedState.Tests.Support;
using StackExchange.Redis;
using GatewayStats = MangaAssist.Emulators.ApiGateway.Diagnostics.StatsSnapshot;
using Transcript = MangaAssist.Emulators.Bedrock.Diagnostics.Transcript;
using TranscriptList = MangaAssist.Emulators.Bedrock.Diagnostics.TranscriptList;

namespace MangaAssist.EndToEnd.Tests.Support.Fleet;

/// <summary>
/// A <see cref="ServiceFleet"/> for end-to-end tests: separate service processes on a real redis-server (with a key
/// prefix of their own), the fast model, the catalog embeddings the other stacks cached, and what tests inspect.
/// </summary>
public sealed class FleetEdge : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private FleetEdge(ServiceFleet fleet, string keyPrefix, ConnectionMultiplexer redis)
    {
        Fleet = fleet;
        KeyPrefix = keyPrefix;
        Redis = redis;
    }

    public ServiceFleet Fleet { get; }

    /// <summary>The Redis key prefix every service of this fleet uses.</summary>
    public string KeyPrefix { get; }

    /// <summary>A client of the fleet's redis-server, for looking at shared state.</summary>
    public ConnectionMultiplexer Redis { get; }

    public HttpClient Http { get; } = new();

    public IReadOnlyList<ServiceProcess> Services => Fleet.Services;

    /// <param name="service">Settings of every service process, after the fleet's own.</param>
    public static async Task<FleetEdge> StartAsync(RedisServer redis, int services, IEnumerable<string>? service = null, Action<LoopbackStackBuilder>? configureStack = null)
    {
        var prefix = $"e2e-fleet-{Guid.NewGuid():N}:";
        var fleet = await ServiceFleet.StartAsync(new ServiceFleetOptions
        {
            Services = services,
            RedisConfiguration = redis.Configuration,
            ReadinessPatience = EdgeStack.ReadyPatience,
            ConfigureStack = builder =>
            {
                builder.UseFastModel().UseLogLevel("Warning")
                    .ForService($"--Redis:KeyPrefix={prefix}", $"--Retrieval:Embedded:EmbeddingCachePath={EdgeStack.DocumentEmbeddingCache}")
                    .ForService(service ?? []);
                configureStack?.Invoke(builder);
            },
        });
        try
        {
            return new FleetEdge(fleet, prefix, await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true"));
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    public Task<string> IssueTokenAsync(string subject) => Fleet.IssueTokenAsync(subject);

    /// <summary>The service process whose analysis worker holds a lease on the analysis queue (its consumer name starts with its pid).</summary>
    public async Task<ServiceProcess?> AnalysisRunnerAsync()
    {
        var pending = await Redis.GetDatabase().StreamPendingMessagesAsync($"{KeyPrefix}work:analyses", "workers", 10, RedisValue.Null);
        var pids = pending.Select(p => p.ConsumerName.ToString().Split('-')[0]).ToHashSet(StringComparer.Ordinal);
        return Services.SingleOrDefault(s => pids.Contains(s.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The model's answers whose last user message contains <paramref name="contains"/>.</summary>
    public async Task<IReadOnlyList<Transcript>> TranscriptsAsync(string contains) =>
        (await Http.GetFromJsonAsync<TranscriptList>(new Uri(Fleet.BedrockUrl, $"/_emulator/transcripts?contains={Uri.EscapeDataString(contains)}"), Json))!.Transcripts;

    public async Task<GatewayStats> GatewayStatsAsync() =>
        (await Http.GetFromJsonAsync<GatewayStats>(new Uri(Fleet.GatewayUrl, "/_emulator/stats"), Json))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Redis.DisposeAsync();
        await Fleet.DisposeAsync();
    }
}
