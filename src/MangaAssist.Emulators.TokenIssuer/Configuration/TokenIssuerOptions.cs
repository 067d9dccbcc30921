using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Emulators.TokenIssuer.Configuration;

/// <summary>Settings of the development token issuer, bound from the <c>TokenIssuer</c> configuration section.</summary>
public sealed class TokenIssuerOptions
{
    public const string SectionName = "TokenIssuer";

    /// <summary>Address Kestrel listens on when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> is given.</summary>
    /// <value>The default value is <c>http://127.0.0.1:8070</c>.</value>
    public string ListenUrl { get; set; } = "http://127.0.0.1:8070";

    /// <summary>The <c>iss</c> of every token and of the discovery document; unset means the address the issuer listens on.</summary>
    /// <value>The default value is <see langword="null"/> (the listen address, without a trailing slash).</value>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> of every token unless a request overrides it.</summary>
    /// <value>The default value is <c>mangaassist</c>.</value>
    [Required]
    [StringLength(256, MinimumLength = 1)]
    public string Audience { get; set; } = "mangaassist";

    /// <summary>Lifetime of a token whose request names no <c>ttlSeconds</c>.</summary>
    /// <value>The default value is one hour.</value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan DefaultTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest lifetime a request may ask for with <c>ttlSeconds</c>.</summary>
    /// <value>The default value is one day.</value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many keys replaced by <c>/_emulator/rotate-keys</c> stay in the JWKS, so tokens they signed still validate.</summary>
    /// <value>The default value is 3.</value>
    [Range(1, 100)]
    public int RetiredKeysPublished { get; set; } = 3;

    /// <summary>Browser origins (<c>http://127.0.0.1:8081</c>) that may call <c>POST /tokens</c> cross-origin, e.g. the chat page.</summary>
    /// <value>The default value is empty: no cross-origin caller.</value>
    public string[] AllowedOrigins { get; set; } = [];
}
