namespace MangaAssist.Emulators.TokenIssuer.Tokens;

/// <summary>A checked request: who the token is for, for how long, and for which audience.</summary>
internal sealed record TokenOrder(string Subject, bool IsGuest, TimeSpan Lifetime, string Audience);
