using System.Text.RegularExpressions;
using MangaAssist.Emulators.ApiGateway.Kernel;

namespace MangaAssist.Emulators.ApiGateway.Management;

/// <summary>
/// Checks that a management request carries a SigV4 <c>Authorization</c> header for <c>execute-api</c>.
/// The emulator has no secret keys, so it checks the header's shape, not the signature.
/// </summary>
internal static partial class SigV4AuthorizationShape
{
    public static ManagementError? Check(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return ManagementError.MissingAuthenticationToken;
        }

        return AuthorizationPattern().IsMatch(header) ? null : ManagementError.MalformedAuthorization;
    }

    [GeneratedRegex(
        @"^AWS4-HMAC-SHA256 Credential=[^/\s,]+/\d{8}/[a-z0-9-]+/execute-api/aws4_request,\s*SignedHeaders=[a-z0-9;-]+,\s*Signature=[0-9a-f]{64}$",
        RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationPattern();
}
