namespace MangaAssist.Aws.Signing;

/// <summary>The headers a signed request must carry.</summary>
/// <param name="AmzDate">Value of <c>x-amz-date</c>.</param>
/// <param name="Authorization">Value of <c>Authorization</c>.</param>
/// <param name="SecurityToken">Value of <c>x-amz-security-token</c>, or null for long-term credentials.</param>
/// <param name="ContentSha256">Value of <c>x-amz-content-sha256</c> when the signer was asked to send it.</param>
internal readonly record struct SigV4Signature(string AmzDate, string Authorization, string? SecurityToken, string? ContentSha256);
