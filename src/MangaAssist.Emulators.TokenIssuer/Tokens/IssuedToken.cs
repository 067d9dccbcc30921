namespace MangaAssist.Emulators.TokenIssuer.Tokens;

/// <summary>The answer of <c>POST /tokens</c>; <c>sub</c> tells a guest which id the issuer chose for it.</summary>
internal sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt, string Sub);
