using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Emulators.TokenIssuer.Configuration;

/// <summary>The issuer's rules beyond its DataAnnotations: addresses Kestrel and validators accept, lifetimes that fit.</summary>
internal static class TokenIssuerOptionsChecks
{
    public static void Check(TokenIssuerOptions options, OptionsProblems problems)
    {
        if (!HttpUrls.IsAbsoluteHttp(options.ListenUrl))
        {
            problems.Add(nameof(options.ListenUrl), $"must be an absolute http:// URL (got '{options.ListenUrl}').");
        }

        if (options.Issuer is not null && !HttpUrls.IsAbsoluteHttp(options.Issuer))
        {
            problems.Add(nameof(options.Issuer), $"must be an absolute http:// or https:// URL when set (got '{options.Issuer}').");
        }

        if (options.DefaultTokenLifetime > options.MaxTokenLifetime)
        {
            problems.Add(nameof(options.DefaultTokenLifetime), $"must not exceed {nameof(options.MaxTokenLifetime)} ({options.MaxTokenLifetime}).");
        }
    }
}
