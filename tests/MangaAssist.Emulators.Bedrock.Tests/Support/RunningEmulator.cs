using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MangaAssist.Emulators.Bedrock;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MangaAssist.Emulators.Bedrock.Tests.Support;

/// <summary>A real emulator on a free loopback port with zero pacing, and an HttpClient that signs nothing but sends an Authorization header.</summary>
internal sealed class RunningEmulator : IAsyncDisposable
{
    public const string SonnetProfile = "us.anthropic.claude-3-5-sonnet-20240620-v1:0";
    public const string TitanEmbed = "amazon.titan-embed-text-v2:0";

    private RunningEmulator(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2000 }) { BaseAddress = baseAddress };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("AWS4-HMAC-SHA256", "Credential=AKIDEXAMPLE/20261121/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=00");
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static Task<RunningEmulator> StartAsync(params string[] settings) => StartAsync(time: null, settings);

    /// <summary>Starts an emulator whose clock is <paramref name="time"/> (fault-rule windows, pacing), when given.</summary>
    public static async Task<RunningEmulator> StartAsync(TimeProvider? time, params string[] settings)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--BedrockEmulator:TimeToFirstTokenMs=0",
            "--BedrockEmulator:TokensPerSecond=0",
            "--Logging:LogLevel:Default=Warning",
            .. settings.Select(s => "--BedrockEmulator:" + s),
        ];
        Action<WebApplicationBuilder>? configure = time is { } clock ? builder => builder.Services.AddSingleton(clock) : null;
        var app = BedrockEmulatorApp.Create(args, configure);
        await app.StartAsync();
        return new RunningEmulator(app, new Uri(app.Urls.Single()));
    }

    public static string ModelPath(string modelId, string operation) => $"/model/{Uri.EscapeDataString(modelId)}/{operation}";

    public Task<HttpResponseMessage> ConverseStreamAsync(string body, string modelId = SonnetProfile, CancellationToken cancellationToken = default) =>
        PostAsync(ModelPath(modelId, "converse-stream"), body, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public Task<HttpResponseMessage> ConverseAsync(string body, string modelId = SonnetProfile) =>
        PostAsync(ModelPath(modelId, "converse"), body, HttpCompletionOption.ResponseContentRead, default);

    public Task<HttpResponseMessage> InvokeAsync(string body, string modelId = TitanEmbed) =>
        PostAsync(ModelPath(modelId, "invoke"), body, HttpCompletionOption.ResponseContentRead, default);

    /// <summary>Streams a converse-stream answer to its end (or its break) and returns what arrived.</summary>
    public async Task<ReceivedStream> StreamAsync(string body, string modelId = SonnetProfile)
    {
        using var response = await ConverseStreamAsync(body, modelId);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await ErrorTextAsync(response));
        return await ReceivedStream.ReadAsync(response);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public Task<JsonElement> StatsAsync() => GetJsonAsync("/_emulator/stats");

    public async Task<JsonElement[]> TranscriptsAsync(string contains) =>
        (await GetJsonAsync("/_emulator/transcripts?contains=" + Uri.EscapeDataString(contains))).GetProperty("transcripts").EnumerateArray().ToArray();

    public async Task<JsonElement> SingleTranscriptAsync(string contains)
    {
        JsonElement[] found = [];
        await Eventually.TrueAsync(async () => (found = await TranscriptsAsync(contains)).Length == 1, $"one transcript containing '{contains}'");
        return found[0];
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        await Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static async Task<string> ErrorTextAsync(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? string.Empty : await response.Content.ReadAsStringAsync();

    private Task<HttpResponseMessage> PostAsync(string path, string body, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return Client.SendAsync(request, completion, cancellationToken);
    }
}
