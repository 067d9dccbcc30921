using System.Security.Cryptography;
using System.Text;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Apis;

/// <summary>
/// Lets a route call through only with the integration secret the API Gateway integration adds
/// (container/apigateway), so nothing else that reaches the port can post as a connection.
/// </summary>
public sealed class IntegrationDoor
{
    private const string RefusedDetail =
        "The integration secret is missing or wrong. Route calls must come through the API Gateway integration, which adds " + GatewayHeaders.IntegrationSecret + ".";

    // Only the digest is kept: comparing digests makes both sides 32 bytes, so the comparison's time tells nothing of the length.
    private readonly byte[]? _expectedDigest;
    private readonly ILogger<IntegrationDoor> _logger;

    public IntegrationDoor(IOptions<GatewayOptions> options, ILogger<IntegrationDoor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secret = options.Value.IntegrationSecret;
        _expectedDigest = secret is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        _logger = logger;
    }

    /// <summary>False when route calls are accepted without a secret (Development without one configured).</summary>
    public bool IsClosed => _expectedDigest is not null;

    /// <summary>The endpoint filter of the <c>/routes</c> group: 401 and nothing else when the secret does not match.</summary>
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (_expectedDigest is null)
        {
            return next(context);
        }

        var request = context.HttpContext.Request;
        var presented = request.Headers[GatewayHeaders.IntegrationSecret];
        var problem = presented.Count == 0 ? "missing" : Matches(presented.ToString()) ? null : "wrong";
        if (problem is null)
        {
            return next(context);
        }

        Log.IntegrationSecretRefused(_logger, request.Path, GatewayHeaders.IntegrationSecret, problem, request.Headers[GatewayHeaders.ConnectionId].ToString());
        return ValueTask.FromResult<object?>(TypedResults.Problem(RefusedDetail, statusCode: StatusCodes.Status401Unauthorized));
    }

    private bool Matches(string presented)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), digest);
        return CryptographicOperations.FixedTimeEquals(digest, _expectedDigest);
    }
}
