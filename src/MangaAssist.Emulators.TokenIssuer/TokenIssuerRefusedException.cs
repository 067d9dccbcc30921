namespace MangaAssist.Emulators.TokenIssuer;

/// <summary>The issuer will not start where it could be mistaken for a real one (the Production environment).</summary>
public sealed class TokenIssuerRefusedException : InvalidOperationException
{
    public TokenIssuerRefusedException()
        : base(Explanation)
    {
    }

    public TokenIssuerRefusedException(string message)
        : base(message)
    {
    }

    public TokenIssuerRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal const string Explanation =
        "The development token issuer refuses to start in the Production environment: it signs a token for any " +
        "subject that asks. Point the service's Identity:Authority at a real OpenID Connect issuer (for example a " +
        "Cognito user pool) instead; for a local run set ASPNETCORE_ENVIRONMENT=Development.";
}
