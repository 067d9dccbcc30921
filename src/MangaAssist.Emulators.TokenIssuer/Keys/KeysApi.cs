using MangaAssist.Emulators.TokenIssuer.Diagnostics;
using Microsoft.IdentityModel.Tokens;

namespace MangaAssist.Emulators.TokenIssuer.Keys;

/// <summary>Discovery, the JWKS, and the rotation hook tests use to prove validators follow a key change.</summary>
internal static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/.well-known/openid-configuration", (IssuerAddress issuer) => TypedResults.Ok(new DiscoveryDocument(
            issuer.Value,
            issuer.JwksUri,
            issuer.Value + "/tokens",
            ["id_token"],
            ["public"],
            [SecurityAlgorithms.RsaSha256],
            ["iss", "sub", "aud", "exp", "iat", "nbf", "jti", "guest"])));

        endpoints.MapGet("/.well-known/jwks.json", (SigningKeyRing keys) =>
            TypedResults.Ok(new { keys = keys.Published.Select(key => key.PublicJwk).ToArray() }));

        endpoints.MapPost("/_emulator/rotate-keys", (SigningKeyRing keys, ILoggerFactory loggers) =>
        {
            var next = keys.Rotate();
            var published = keys.Published.Select(key => key.Kid).ToArray();
            Log.KeysRotated(loggers.CreateLogger(typeof(KeysApi)), next.Kid, published.Length);
            return TypedResults.Ok(new { kid = next.Kid, publishedKids = published });
        });
        return endpoints;
    }
}
