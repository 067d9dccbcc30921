using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace MangaAssist.Emulators.OpenSearch.Tests.Support;

/// <summary>The stand-in on a free loopback port, with a client that speaks JSON to it.</summary>
internal sealed class RunningStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningStandIn(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public WebApplication App => _app;

    public static async Task<RunningStandIn> StartAsync()
    {
        var app = OpenSearchEmulatorApp.Create(["--urls", "http://127.0.0.1:0", "--environment", "Development", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        return new RunningStandIn(app);
    }

    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
