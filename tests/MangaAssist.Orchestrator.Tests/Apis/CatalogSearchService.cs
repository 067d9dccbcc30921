using Shouldly;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MangaAssist.Retrieval;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Orchestrator.Tests.Apis;

/// <summary>
/// The real service on a loopback Kestrel port, embedding its catalog through the real Bedrock emulator, with a
/// guest token it minted itself: what a caller of <c>/v1/catalog/search</c> talks to.
/// </summary>
public sealed class CatalogSearchService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CatalogSearchService(WebApplication app, HttpClient http, EventCapture events)
    {
        _app = app;
        Http = http;
        Events = events;
    }

    /// <summary>A client with the guest's bearer token set.</summary>
    public HttpClient Http { get; }

    /// <summary>Event ids of the Warning-or-louder lines the service logged.</summary>
    public EventCapture Events { get; }

    public static async Task<CatalogSearchService> StartAsync(Uri bedrock, string environment, params string[] settings)
    {
        var events = new EventCapture();
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--environment={environment}",
            $"--Bedrock:Endpoint={bedrock}",
            "--Aws:Credentials:Mode=Static",
            "--Aws:Credentials:AccessKeyId=AKIDCATALOG",
            "--Aws:Credentials:SecretAccessKey=catalog-secret",
            "--Identity:Guests:Enabled=true",
            // No socket here; the @connections client only needs an address to start.
            "--ApiGatewayManagement:Endpoint=http://127.0.0.1:9/local",
            "--Logging:LogLevel:Default=Warning",
            .. environment == "Development" ? Array.Empty<string>() :
            [
                "--Gateway:IntegrationSecret=" + new string('s', 40),
                "--Identity:Authority=https://issuer.invalid/",
                "--Identity:Guests:SigningKeyPem=" + ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(),
            ],
            .. settings,
        ];
        var app = OrchestratorApp.Create(args, builder => builder.Logging.AddProvider(events));
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        using (var minted = await http.PostAsync("/v1/guest-tokens", content: null))
        {
            minted.EnsureSuccessStatusCode();
            var token = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // The embedded index embeds the whole catalog through the emulator before it answers.
        (await app.Services.GetRequiredService<IRetrievalReadiness>().WaitUntilReadyAsync(TimeSpan.FromMinutes(3), CancellationToken.None))
            .ShouldBeTrue("the catalog index was built");
        return new CatalogSearchService(app, http, events);
    }

    public async Task<(int Status, JsonElement Body, string Raw)> SearchAsync(string queryString)
    {
        using var response = await Http.GetAsync("/v1/catalog/search?" + queryString);
        var raw = await response.Content.ReadAsStringAsync();
        var body = raw.Length > 0 ? JsonSerializer.Deserialize<JsonElement>(raw) : default;
        return ((int)response.StatusCode, body, raw);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>Keeps the event ids of Warning-or-louder lines (message text is not needed to tell them apart).</summary>
    public sealed class EventCapture : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<int> WarningIds { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                WarningIds.Enqueue(eventId.Id);
            }
        }

        public void Dispose()
        {
        }
    }
}
