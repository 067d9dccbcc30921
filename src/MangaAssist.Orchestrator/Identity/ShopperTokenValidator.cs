using MangaAssist.Orchestrator.Kernel;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MangaAssist.Orchestrator.Identity;

/// <summary>
/// Checks a shopper's token. Two issuers are trusted, each only with its own keys: the configured OIDC
/// authority (keys from its JWKS, re-read on a schedule and when a token names an unknown <c>kid</c>, so
/// key rotation works) and the service's guest issuer. Only RS256 and ES256 are accepted, so <c>alg: none</c>
/// and an HS256 token "signed" with a public key are refused before any key is looked at.
/// </summary>
public sealed class ShopperTokenValidator : IDisposable
{
    /// <summary>Longest token read: far above any real JWT, and it bounds the work a stranger can cause.</summary>
    public const int MaxTokenChars = 16 * 1024;

    private const int MaxSubjectChars = 512;
    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly IdentityOptions _options;
    private readonly GuestTokens _guests;
    private readonly ILogger<ShopperTokenValidator> _logger;
    private readonly HttpClient? _metadataClient;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _authority;
    private readonly string[] _authorityIssuers = [];
    private readonly TimeProvider _time;
    private long _lastForcedRefresh;

    /// <summary>Longest a <c>$connect</c> waits for the issuer's new keys after a rotation.</summary>
    private static readonly TimeSpan RefreshWait = TimeSpan.FromSeconds(3);

    public ShopperTokenValidator(IOptions<IdentityOptions> options, GuestTokens guests, TimeProvider time, ILogger<ShopperTokenValidator> logger)
    {
        _time = time;
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _guests = guests;
        _logger = logger;
        if (_options.Authority is { } authority)
        {
            var issuer = authority.OriginalString.TrimEnd('/');
            _authorityIssuers = [issuer, issuer + "/"];
            _metadataClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(10) };
            _authority = new ConfigurationManager<OpenIdConnectConfiguration>(
                issuer + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(_metadataClient) { RequireHttps = _options.RequireHttpsMetadata })
            {
                RefreshInterval = _options.RefreshInterval,
                AutomaticRefreshInterval = _options.AutomaticRefreshInterval,
            };
        }
    }

    public async Task<TokenCheck> CheckAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenCheck.Unauthorized(TokenRefusals.Missing);
        }

        if (token.Length > MaxTokenChars || !_handler.CanReadToken(token))
        {
            return TokenCheck.Unauthorized(TokenRefusals.Malformed);
        }

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return TokenCheck.Unauthorized(TokenRefusals.Malformed);
        }

        if (jwt.IsEncrypted)
        {
            return TokenCheck.Unauthorized(TokenRefusals.Malformed);
        }

        if (!AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return TokenCheck.Unauthorized(TokenRefusals.AlgNotAllowed);
        }

        var isGuestIssuer = string.Equals(jwt.Issuer, _guests.Issuer, StringComparison.Ordinal);
        TokenValidationParameters parameters;
        if (isGuestIssuer && _guests.Keys is { } guestKeys)
        {
            parameters = Parameters([_guests.Issuer], [guestKeys.Algorithm]);
            parameters.IssuerSigningKey = guestKeys.ValidationKey;
        }
        else if (!isGuestIssuer && _authority is not null && _authorityIssuers.Contains(jwt.Issuer, StringComparer.Ordinal))
        {
            parameters = Parameters(_authorityIssuers, AllowedAlgorithms);
            parameters.ConfigurationManager = _authority;
        }
        else
        {
            return TokenCheck.Unauthorized(TokenRefusals.WrongIssuer);
        }

        TokenValidationResult result;
        try
        {
            result = await ValidateAsync(token, parameters);
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or IOException)
        {
            return Refusal(exception);
        }

        if (!result.IsValid)
        {
            return Refusal(result.Exception);
        }

        var subject = jwt.Subject;
        if (string.IsNullOrEmpty(subject) || subject.Length > MaxSubjectChars)
        {
            return TokenCheck.Unauthorized(TokenRefusals.Invalid);
        }

        var isGuest = isGuestIssuer || (jwt.TryGetPayloadValue<bool>(GuestTokens.GuestClaim, out var guest) && guest);
        if (isGuest && !_guests.Enabled)
        {
            return TokenCheck.Forbidden(TokenRefusals.GuestsDisabled);
        }

        return TokenCheck.Accepted(ShopperPrincipal.For(jwt.Issuer, subject, isGuest));
    }

    private TokenValidationParameters Parameters(string[] issuers, string[] algorithms) => new()
    {
        ValidIssuers = issuers,
        ValidAudience = _options.Audience,
        ValidAlgorithms = algorithms,
        ClockSkew = _options.ClockSkew,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        TryAllIssuerSigningKeys = false,
    };

    private async Task<TokenValidationResult> ValidateAsync(string token, TokenValidationParameters parameters)
    {
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException && parameters.ConfigurationManager is not null
            && await RefreshedKeysAsync() is { } keys)
        {
            parameters.ConfigurationManager = null;
            parameters.IssuerSigningKeys = keys;
            result = await _handler.ValidateTokenAsync(token, parameters);
        }

        return result;
    }

    /// <summary>
    /// The issuer rotated its keys: asks the configuration manager to read them again (it does so in the
    /// background) and waits briefly for the new ones. Null when a refresh ran within RefreshInterval.
    /// </summary>
    private async Task<ICollection<SecurityKey>?> RefreshedKeysAsync()
    {
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastForcedRefresh);
        if (last != 0 && _time.GetElapsedTime(last, now) < _options.RefreshInterval || Interlocked.CompareExchange(ref _lastForcedRefresh, now, last) != last)
        {
            return null;
        }

        var before = await _authority!.GetConfigurationAsync(CancellationToken.None);
        _authority.RequestRefresh();
        while (_time.GetElapsedTime(now) < RefreshWait)
        {
            var current = await _authority.GetConfigurationAsync(CancellationToken.None);
            if (!ReferenceEquals(current, before))
            {
                return current.SigningKeys;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), _time);
        }

        return null;
    }

    private TokenCheck Refusal(Exception? exception)
    {
        switch (exception)
        {
            case SecurityTokenExpiredException:
                return TokenCheck.Unauthorized(TokenRefusals.Expired);
            case SecurityTokenNotYetValidException:
                return TokenCheck.Unauthorized(TokenRefusals.NotYetValid);
            case SecurityTokenInvalidIssuerException:
                return TokenCheck.Unauthorized(TokenRefusals.WrongIssuer);
            case SecurityTokenInvalidAudienceException:
                return TokenCheck.Unauthorized(TokenRefusals.WrongAudience);
            case SecurityTokenInvalidAlgorithmException:
                return TokenCheck.Unauthorized(TokenRefusals.AlgNotAllowed);
            case SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException:
                return TokenCheck.Unauthorized(TokenRefusals.BadSignature);
            case SecurityTokenMalformedException or SecurityTokenNoExpirationException:
                return TokenCheck.Unauthorized(TokenRefusals.Malformed);
            case InvalidOperationException or HttpRequestException or IOException:
                // The issuer's keys could not be read: the token may be fine, the service cannot tell now.
                Log.IssuerUnavailable(_logger, exception.GetType().Name);
                return new TokenCheck(null, TokenRefusals.IssuerUnavailable, StatusCodes.Status503ServiceUnavailable);
            default:
                return TokenCheck.Unauthorized(TokenRefusals.Invalid);
        }
    }

    public void Dispose() => _metadataClient?.Dispose();
}
