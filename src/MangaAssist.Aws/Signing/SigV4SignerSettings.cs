namespace MangaAssist.Aws.Signing;

/// <summary>How a service wants its requests signed.</summary>
/// <param name="Service">Signing name, for example <c>bedrock</c> or <c>execute-api</c>.</param>
/// <param name="Region">Region in the credential scope.</param>
/// <param name="DoubleEncodePath">
/// Every service except S3 URI-encodes the (already encoded) wire path once more in the canonical request.
/// </param>
/// <param name="NormalizePath">Remove <c>.</c>/<c>..</c> segments and empty segments before encoding (all services but S3).</param>
/// <param name="SendContentSha256">Add and sign <c>x-amz-content-sha256</c> (S3 style).</param>
/// <param name="SignSessionToken">Include <c>x-amz-security-token</c> in the signature (true) or add it after signing (false).</param>
internal sealed record SigV4SignerSettings(
    string Service,
    string Region,
    bool DoubleEncodePath = true,
    bool NormalizePath = true,
    bool SendContentSha256 = false,
    bool SignSessionToken = true);
