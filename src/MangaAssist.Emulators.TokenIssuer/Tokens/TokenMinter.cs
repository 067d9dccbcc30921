using System.Security.Cryptography;
using MangaAssist.Emulators.TokenIssuer.Diagnostics;
using MangaAssist.Emulators.TokenIssuer.Keys;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MangaAssist.Emulators.TokenIssuer.Tokens;

/// <summary>Signs an RS256 JWT for a <see cref="TokenOrder"/> with the ring's current key.</summary>
internal sealed class TokenMinter(SigningKeyRing keys, IssuerAddress issuer, TimeProvider timeProvider, ILogger<TokenMinter> logger)
{
    // Times are set from the TimeProvider below, never by the handler's own clock.
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedToken Mint(TokenOrder order)
    {
        // JWT times are whole seconds: truncating first makes exp - iat exactly the lifetime asked for.
        var now = DateTimeOffset.FromUnixTimeSeconds(timeProvider.GetUtcNow().ToUnixTimeSeconds());
        var expires = now + order.Lifetime;
        var key = keys.Current;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = order.Subject,
            [JwtRegisteredClaimNames.Jti] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        };
        if (order.IsGuest)
        {
            claims["guest"] = true;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer.Value,
            Audience = order.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = key.Credentials,
        });
        Log.TokenIssued(logger, order.IsGuest ? "guest" : "user", key.Kid);
        return new IssuedToken(token, expires, order.Subject);
    }
}
