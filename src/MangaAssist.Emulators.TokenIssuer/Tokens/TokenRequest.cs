namespace MangaAssist.Emulators.TokenIssuer.Tokens;

/// <summary>The body of <c>POST /tokens</c>: <c>{"sub":"alice"}</c> or <c>{"guest":true}</c>, optionally <c>ttlSeconds</c> and <c>aud</c>.</summary>
internal sealed record TokenRequest(string? Sub, bool? Guest, int? TtlSeconds, string? Aud);
