using System.Net.Http.Json;
using System.Text.Json;
using MangaAssist.LocalEdge.Stack;
using MangaAssist.LocalEdge.Stack.Page;
using Microsoft.AspNetCore.Builder;

namespace MangaAssist.Page.Tests.Support;

/// <summary>
/// The loopback stack (Bedrock emulator, token issuer, service, API Gateway emulator) and the chat page served the way
/// LocalEdge serves it (<see cref="ChatPageSite"/>), on free ports, with what the tests need to inspect and disturb it.
/// </summary>
public sealed class PageStack : IAsyncDisposable
{
    private static readonly TimeSpan ReadyPatience = TimeSpan.FromSeconds(90);

    /// <summary>The catalog's document embeddings, computed by the first stack and reused by the rest.</summary>
    private static readonly string DocumentEmbeddingCache = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mangaassist-page-document-embeddings.bin");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _site;

    private PageStack(LoopbackStack stack, WebApplication site, Uri pageUrl)
    {
        Stack = stack;
        _site = site;
        PageUrl = pageUrl;
    }

    public LoopbackStack Stack { get; }

    public Uri PageUrl { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <param name="service">Extra service settings, after the stack's own.</param>
    public static async Task<PageStack> StartAsync(params string[] service)
    {
        var pageUrl = LoopbackPorts.FreeUrl();
        var stack = await new LoopbackStackBuilder()
            .UseFastModel()
            .UseLogLevel("Warning")
            .AllowPageOrigin(pageUrl)
            .ForService(
                // A dropped page comes back and resumes: the answer goes on into the frame log meanwhile.
                "--Resume:DetachedGracePeriod=00:00:30",
                // Tests ask many questions as guests; the limits have tests of their own.
                "--SharedState:RateLimits:GuestMessages:Capacity=1000000",
                "--SharedState:RateLimits:GuestMessages:RefillPerSecond=1000000",
                "--SharedState:RateLimits:GuestOutputTokens:Capacity=1000000000",
                "--SharedState:RateLimits:GuestOutputTokens:RefillPerSecond=1000000000",
                "--SharedState:RateLimits:ConnectionMessages:Capacity=1000000",
                "--SharedState:RateLimits:ConnectionMessages:RefillPerSecond=1000000",
                $"--Retrieval:Embedded:EmbeddingCachePath={DocumentEmbeddingCache}")
            .ForService(service)
            .StartAsync();
        WebApplication? site = null;
        try
        {
            using var http = new HttpClient();
            await stack.Main.WaitUntilReadyAsync(http, ReadyPatience);
            site = ChatPageSite.Create(pageUrl, stack.ChatPageSettings());
            await site.StartAsync();
            return new PageStack(stack, site, pageUrl);
        }
        catch
        {
            if (site is not null)
            {
                await site.DisposeAsync();
            }

            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ids of the gateway's open WebSocket connections.</summary>
    public async Task<IReadOnlySet<string>> OpenConnectionsAsync()
    {
        var answer = await Http.GetFromJsonAsync<JsonElement>(new Uri(Stack.GatewayUrl, "/_emulator/connections"));
        return answer.GetProperty("connectionIds").EnumerateArray().Select(id => id.GetString()!).ToHashSet();
    }

    /// <summary>Cuts a connection without a close frame, as a phone losing its signal does.</summary>
    public async Task DropAsync(string connectionId)
    {
        using var response = await Http.PostAsync(new Uri(Stack.GatewayUrl, $"/_emulator/connections/{Uri.EscapeDataString(connectionId)}/drop"), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The model's answers whose last user message contains <paramref name="tag"/> (the Bedrock emulator's transcripts).</summary>
    public async Task<IReadOnlyList<string>> ModelAnswersAsync(string tag)
    {
        var answer = await Http.GetFromJsonAsync<JsonElement>(new Uri(Stack.BedrockUrl, $"/_emulator/transcripts?contains={Uri.EscapeDataString(tag)}"), Json);
        return answer.GetProperty("transcripts").EnumerateArray().Select(t => t.GetProperty("text").GetString()!).ToList();
    }

    /// <summary>The one model answer for <paramref name="tag"/>; the emulator records it when its stream ends, so this polls.</summary>
    public async Task<string> ModelAnswerAsync(string tag)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var found = await ModelAnswersAsync(tag);
            if (found.Count > 0 || DateTime.UtcNow > deadline)
            {
                return found.Count == 1 ? found[0] : throw new InvalidOperationException($"{found.Count} model answers contain \"{tag}\".");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await Stack.DisposeAsync();
        Http.Dispose();
    }
}
