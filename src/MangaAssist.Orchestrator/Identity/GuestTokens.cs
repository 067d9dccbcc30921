using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MangaAssist.Orchestrator.Identity;

/// <summary>
/// Mints guest tokens: the subject is server-random (a client never chooses a guest's identity), the
/// lifetime short, the issuer the service's own, signed with <see cref="GuestKeys"/>.
/// </summary>
public sealed class GuestTokens : IDisposable
{
    public const string GuestClaim = "guest";

    private readonly GuestOptions _options;
    private readonly string _audience;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new();

    public GuestTokens(IOptions<IdentityOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<GuestTokens> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _options = options.Value.Guests;
        _audience = options.Value.Audience;
        _time = time;
        var configured = !string.IsNullOrWhiteSpace(_options.SigningKeyPem);
        if (configured || (_options.Enabled && environment.IsDevelopment()))
        {
            Keys = GuestKeys.FromPem(_options.SigningKeyPem);
            if (Keys.IsEphemeral)
            {
                Log.EphemeralGuestKey(logger);
            }
        }
    }

    /// <summary>The key guest tokens are checked with; null when there is none (guests off and no key configured).</summary>
    public GuestKeys? Keys { get; }

    public bool Enabled => _options.Enabled && Keys is not null;

    public string Issuer => _options.Issuer;

    /// <summary>A new guest token and when it expires.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Mint()
    {
        if (!Enabled)
        {
            throw new InvalidOperationException("Guests are not enabled.");
        }

        var now = _time.GetUtcNow();
        var expiresAt = now + _options.Lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _audience,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, "guest-" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)))]),
            Claims = new Dictionary<string, object> { [GuestClaim] = true },
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = Keys!.SigningCredentials,
        });
        return (token, expiresAt);
    }

    public void Dispose() => Keys?.Dispose();
}
