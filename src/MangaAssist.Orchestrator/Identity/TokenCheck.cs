using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Identity;

/// <summary>What a token check found: the principal, or why the token is refused and with which status.</summary>
/// <param name="Reason">A reason code for logs and ProblemDetails (<see cref="TokenRefusals"/>); never the token.</param>
public sealed record TokenCheck(ShopperPrincipal? Principal, string Reason, int StatusCode)
{
    public bool IsAccepted => Principal is not null;

    public static TokenCheck Accepted(ShopperPrincipal principal) => new(principal, "accepted", StatusCodes.Status200OK);

    /// <summary>No valid token: 401, as API Gateway answers an unauthorized <c>$connect</c>.</summary>
    public static TokenCheck Unauthorized(string reason) => new(null, reason, StatusCodes.Status401Unauthorized);

    /// <summary>A valid token that may not connect (a guest while guests are off): 403.</summary>
    public static TokenCheck Forbidden(string reason) => new(null, reason, StatusCodes.Status403Forbidden);
}

/// <summary>The reason codes of refused tokens, as logged and returned in ProblemDetails.</summary>
public static class TokenRefusals
{
    public const string Missing = "missing";
    public const string Malformed = "malformed";
    public const string Expired = "expired";
    public const string NotYetValid = "not_yet_valid";
    public const string BadSignature = "bad_signature";
    public const string WrongIssuer = "wrong_issuer";
    public const string WrongAudience = "wrong_audience";
    public const string AlgNotAllowed = "alg_not_allowed";
    public const string Invalid = "invalid";
    public const string GuestsDisabled = "guests_disabled";
    public const string IssuerUnavailable = "issuer_unavailable";
}
