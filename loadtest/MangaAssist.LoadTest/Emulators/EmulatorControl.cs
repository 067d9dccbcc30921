using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MangaAssist.LoadTest.Emulators;

/// <summary>The emulators' control endpoints: fault rates, counters and the model's transcripts.</summary>
internal sealed class EmulatorControl(Uri bedrock, Uri? gateway) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Bedrock faults for the chaos profile: about 14 % of answers meet one (the rates are documented in loadtest/README.md).</summary>
    public static readonly IReadOnlyDictionary<string, object> ChaosBedrockFaults = new Dictionary<string, object>
    {
        ["http503"] = 0.03,
        ["http429"] = 0.03,
        ["http500"] = 0.01,
        ["streamError"] = 0.02,
        ["streamThrottle"] = 0.02,
        ["reset"] = 0.02,
        ["stall"] = 0.005,
        ["faultAfterTokensMin"] = 1,
        ["faultAfterTokensMax"] = 40,
        ["seed"] = 6,
    };

    /// <summary>@connections faults for the chaos profile: 2 % of posts throttled (429), 1 % failing (500), some slow.</summary>
    public static readonly IReadOnlyDictionary<string, object> ChaosGatewayFaults = new Dictionary<string, object>
    {
        ["postToConnection429"] = 0.02,
        ["postToConnection500"] = 0.01,
        ["seed"] = 6,
    };

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public Uri BedrockUrl => bedrock;

    public Uri? GatewayUrl => gateway;

    public async Task SetChaosFaultsAsync(CancellationToken cancellationToken)
    {
        (await _http.PostAsJsonAsync(new Uri(bedrock, "/_emulator/faults"), ChaosBedrockFaults, cancellationToken)).EnsureSuccessStatusCode();
        if (gateway is not null)
        {
            (await _http.PostAsJsonAsync(new Uri(gateway, "/_emulator/faults"), ChaosGatewayFaults, cancellationToken)).EnsureSuccessStatusCode();
        }
    }

    public async Task ClearFaultsAsync()
    {
        (await _http.DeleteAsync(new Uri(bedrock, "/_emulator/faults"))).EnsureSuccessStatusCode();
        if (gateway is not null)
        {
            (await _http.DeleteAsync(new Uri(gateway, "/_emulator/faults"))).EnsureSuccessStatusCode();
        }
    }

    public async Task ResetStatsAsync(CancellationToken cancellationToken)
    {
        (await _http.PostAsync(new Uri(bedrock, "/_emulator/stats/reset"), null, cancellationToken)).EnsureSuccessStatusCode();
        if (gateway is not null)
        {
            (await _http.PostAsync(new Uri(gateway, "/_emulator/stats/reset"), null, cancellationToken)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Both emulators' counters as JSON (null where one could not be read).</summary>
    public async Task<(JsonNode? Bedrock, JsonNode? Gateway)> StatsAsync(CancellationToken cancellationToken)
    {
        async Task<JsonNode?> Read(Uri? baseUrl)
        {
            if (baseUrl is null)
            {
                return null;
            }

            try
            {
                return JsonNode.Parse(await _http.GetStringAsync(new Uri(baseUrl, "/_emulator/stats"), cancellationToken));
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }

        return (await Read(bedrock), await Read(gateway));
    }

    /// <summary>Up to <paramref name="limit"/> transcripts with a sequence above <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ModelTranscript>> TranscriptsAfterAsync(long after, int limit, CancellationToken cancellationToken)
    {
        var list = await _http.GetFromJsonAsync<TranscriptList>(
            new Uri(bedrock, $"/_emulator/transcripts?after={after}&limit={limit}"), Json, cancellationToken);
        return list?.Transcripts ?? [];
    }

    public void Dispose() => _http.Dispose();

    private sealed record TranscriptList(IReadOnlyList<ModelTranscript> Transcripts);
}

/// <summary>The fields of a Bedrock emulator transcript the tool compares with what the client received.</summary>
internal sealed record ModelTranscript(long Sequence, string LastUserMessage, string Text, string SentText, string Outcome, string? Fault, double? FirstTokenMs);
