namespace MangaAssist.Emulators.TokenIssuer.Diagnostics;

/// <summary>The issuer's log events (EventIds 1–99). Never a token, and never a subject: only kinds and key ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Development token issuer {Issuer}: POST /tokens, JWKS /.well-known/jwks.json")]
    public static partial void Started(ILogger logger, string issuer);

    [LoggerMessage(2, LogLevel.Debug, "Issued a {Kind} token signed by key {Kid}")]
    public static partial void TokenIssued(ILogger logger, string kind, string kid);

    [LoggerMessage(3, LogLevel.Information, "Signing key rotated: {Kid} signs from now on; {Published} keys published")]
    public static partial void KeysRotated(ILogger logger, string kid, int published);
}
