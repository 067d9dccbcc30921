namespace MangaAssist.Orchestrator.Identity;

/// <summary>Identity's log lines: reason codes and opaque principal ids, never a token, a key or a raw subject.</summary>
internal static partial class Log
{
    [LoggerMessage(1900, LogLevel.Warning, "Identity:Guests:SigningKeyPem is empty: guest tokens are signed with an ephemeral key that only this process accepts (Development only)")]
    public static partial void EphemeralGuestKey(ILogger logger);

    [LoggerMessage(1901, LogLevel.Warning, "The token issuer's keys could not be read ({Error}); connections are refused until they can")]
    public static partial void IssuerUnavailable(ILogger logger, string error);
}
