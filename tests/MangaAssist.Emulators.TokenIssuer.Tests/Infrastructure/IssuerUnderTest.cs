using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MangaAssist.Emulators.TokenIssuer.Tests.Infrastructure;

/// <summary>The issuer on a loopback port, and what a relying party does with it: fetch discovery and JWKS over HTTP, validate.</summary>
internal sealed class IssuerUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IssuerUnderTest(WebApplication app)
    {
        _app = app;
        Issuer = TokenIssuerApp.GetIssuer(app).ToString().TrimEnd('/');
        // The listen address, which differs from the issuer when a test configures one.
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/") };
    }

    public string Issuer { get; }

    public HttpClient Http { get; }

    /// <param name="settings">TokenIssuer keys, e.g. ("MaxTokenLifetime", "00:10:00").</param>
    public static Task<IssuerUnderTest> StartAsync(params (string Key, string Value)[] settings) => StartAsync(TimeProvider.System, settings);

    public static async Task<IssuerUnderTest> StartAsync(TimeProvider clock, params (string Key, string Value)[] settings)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Development",
            "--Logging:LogLevel:Default=Warning",
            .. settings.Select(s => $"--TokenIssuer:{s.Key}={s.Value}"),
        ];
        var app = TokenIssuerApp.Create(args, clock);
        await app.StartAsync(Guard.Token());
        return new IssuerUnderTest(app);
    }

    public Task<HttpResponseMessage> RequestTokenAsync(string json) =>
        Http.PostAsync("tokens", new StringContent(json, Encoding.UTF8, "application/json"), Guard.Token());

    /// <summary>A token for <paramref name="json"/>; fails the test unless the issuer answers 200.</summary>
    public async Task<TokenAnswer> IssueAsync(string json)
    {
        using var response = await RequestTokenAsync(json);
        var body = await response.Content.ReadAsStringAsync(Guard.Token());
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /tokens {json} answered {(int)response.StatusCode}: {body}");
        }

        return JsonSerializer.Deserialize<TokenAnswer>(body, JsonSerializerOptions.Web)!;
    }

    public async Task<JsonWebKeySet> FetchJwksAsync() =>
        new(await Http.GetStringAsync(".well-known/jwks.json", Guard.Token()));

    public async Task<string> RotateKeysAsync()
    {
        using var response = await Http.PostAsync("_emulator/rotate-keys", null, Guard.Token());
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Guard.Token());
        return answer.GetProperty("kid").GetString()!;
    }

    /// <summary>Validates as JwtBearer does with <c>Authority</c> = the issuer: discovery, then the JWKS it names, fetched fresh.</summary>
    public async Task<TokenValidationResult> ValidateAsync(string token, string audience = "mangaassist")
    {
        var configurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
            new Uri(Http.BaseAddress!, ".well-known/openid-configuration").ToString(),
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever { RequireHttps = false });
        var configuration = await configurationManager.GetConfigurationAsync(Guard.Token());
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
        });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
