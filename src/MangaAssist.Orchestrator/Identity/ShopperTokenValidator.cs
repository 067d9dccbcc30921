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

    private readonly string _metadataAddress = "";
    private readonly IDocumentRetriever? _documentRetriever;
    private volatile RotatedKeys? _rotatedKeys;

    /// <summary>How long keys read at a rotation are used beside the manager's: long enough for its background refresh, short enough that a key the issuer withdrew is not trusted for long.</summary>
    private static readonly TimeSpan RotatedKeysLifetime = TimeSpan.FromMinutes(5);

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
            _metadataAddress = issuer + "/.well-known/openid-configuration";
            _documentRetriever = new HttpDocumentRetriever(_metadataClient) { RequireHttps = _options.RequireHttpsMetadata };
            _authority = new ConfigurationManager<OpenIdConnectConfiguration>(_metadataAddress, new OpenIdConnectConfigurationRetriever(), _documentRetriever)
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
        if (result.Exception is not SecurityTokenSignatureKeyNotFoundException || parameters.ConfigurationManager is null)
        {
            return result;
        }

        // The issuer rotated its keys: first the keys read at the last rotation, then (at most once per
        // RefreshInterval) a fresh read, while the configuration manager catches up in the background.
        parameters.ConfigurationManager = null;
        foreach (var keys in new Func<Task<ICollection<SecurityKey>?>>[] { () => Task.FromResult(RecentRotatedKeys()), RefreshedKeysAsync })
        {
            if (await keys() is { } candidate)
            {
                parameters.IssuerSigningKeys = candidate;
                result = await _handler.ValidateTokenAsync(token, parameters);
                if (result.Exception is not SecurityTokenSignatureKeyNotFoundException)
                {
                    return result;
                }
            }
        }

        return result;
    }

    private async Task<ICollection<SecurityKey>?> RefreshedKeysAsync()
    {
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastForcedRefresh);
        if (last != 0 && _time.GetElapsedTime(last, now) < _options.RefreshInterval || Interlocked.CompareExchange(ref _lastForcedRefresh, now, last) != last)
        {
            return null;
        }

        var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(_metadataAddress, _documentRetriever, CancellationToken.None);
        _authority!.RequestRefresh();
        _rotatedKeys = new RotatedKeys(configuration.SigningKeys, now);
        return configuration.SigningKeys;
    }

    private ICollection<SecurityKey>? RecentRotatedKeys() =>
        _rotatedKeys is { } rotated && _time.GetElapsedTime(rotated.ReadAt) < RotatedKeysLifetime ? rotated.Keys : null;

    private sealed record RotatedKeys(ICollection<SecurityKey> Keys, long ReadAt);

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
