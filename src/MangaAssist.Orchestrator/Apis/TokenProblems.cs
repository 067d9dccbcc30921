using MangaAssist.Orchestrator.Identity;

namespace MangaAssist.Orchestrator.Apis;

/// <summary>How a refused token is answered and logged: the reason code only, never the token.</summary>
internal static class TokenProblems
{
    /// <summary>Expected refusals (no token, an old one) are Information; the ones a forger causes are Warning.</summary>
    public static LogLevel LevelOf(string reason) => reason is TokenRefusals.Missing or TokenRefusals.Expired or TokenRefusals.GuestsDisabled
        ? LogLevel.Information
        : LogLevel.Warning;

    public static IResult Refusal(TokenCheck check) => TypedResults.Problem(
        detail: DetailOf(check.Reason),
        statusCode: check.StatusCode,
        extensions: new Dictionary<string, object?> { ["reason"] = check.Reason });

    private static string DetailOf(string reason) => reason switch
    {
        TokenRefusals.Missing => "A token is required: connect with ?token=<JWT> (see README, Connecting).",
        TokenRefusals.Expired => "The token has expired. Get a new one and connect again.",
        TokenRefusals.GuestsDisabled => "Guest access is not enabled on this service.",
        TokenRefusals.IssuerUnavailable => "The token issuer's keys cannot be read right now. Please try again shortly.",
        _ => "The token is not valid for this service.",
    };
}
