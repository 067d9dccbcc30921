using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MangaAssist.Orchestrator.Tests.Support;

/// <summary>
/// A tiny OIDC issuer on loopback for tests: discovery and JWKS over real HTTP, RS256 tokens, and key rotation
/// (the new key signs, the old one stays published). A test fixture, not product code.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<RsaSecurityKey> _keys = [];
    private readonly JsonWebTokenHandler _handler = new();

    private TestIssuer(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    /// <summary>How many times the JWKS was fetched.</summary>
    public int JwksReads => Volatile.Read(ref _jwksReads);

    private int _jwksReads;

    public RsaSecurityKey SigningKey => _keys[^1];

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new TestIssuer(app);
        issuer.Rotate();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Url,
            ["jwks_uri"] = issuer.Url + "/.well-known/jwks.json",
        }));
        app.MapGet("/.well-known/jwks.json", () =>
        {
            Interlocked.Increment(ref issuer._jwksReads);
            List<RsaSecurityKey> keys;
            lock (issuer._keys)
            {
                keys = [.. issuer._keys];
            }

            return Results.Json(new { keys = keys.Select(PublicJwk) });
        });
        await app.StartAsync();
        issuer.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return issuer;
    }

    /// <summary>A new key signs from now on; the old ones stay in the JWKS.</summary>
    public void Rotate()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k" + Guid.NewGuid().ToString("N")[..8] };
        lock (_keys)
        {
            _keys.Add(key);
        }
    }

    public string Mint(string subject, string? audience = "mangaassist", TimeSpan? lifetime = null, string? issuer = null, bool guest = false, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Url,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            Claims = guest ? new Dictionary<string, object> { ["guest"] = true } : null,
            IssuedAt = expires < now ? expires.AddHours(-1) : now,
            NotBefore = expires < now ? expires.AddHours(-1) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A token signed with any header and signature the test likes (alg none, HS256 …).</summary>
    public static string Forge(object header, object payload, byte[] signature) =>
        $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload))}.{Base64Url(signature)}";

    /// <summary>The claims of a valid token for <paramref name="subject"/>, as a payload object.</summary>
    public Dictionary<string, object> Payload(string subject) => new()
    {
        ["iss"] = Url,
        ["aud"] = "mangaassist",
        ["sub"] = subject,
        ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
    };

    public static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var key in _keys)
        {
            key.Rsa.Dispose();
        }
    }

    private static Dictionary<string, string> PublicJwk(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new()
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = key.KeyId,
            ["n"] = Base64Url(parameters.Modulus!),
            ["e"] = Base64Url(parameters.Exponent!),
        };
    }
}
