namespace MangaAssist.Emulators.TokenIssuer.Keys;

/// <summary>An RSA public key as a JWK (RFC 7517 §4, RFC 7518 §6.3.1).</summary>
internal sealed record PublicJwk(string Kty, string Use, string Alg, string Kid, string N, string E);
