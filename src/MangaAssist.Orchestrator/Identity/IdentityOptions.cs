using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Identity;

/// <summary>Who may connect: the token issuer the service trusts, and guests. Configuration section <c>Identity</c>.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>
    /// The OIDC issuer URL (Cognito: <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c>). Its discovery
    /// document is read from <c>{Authority}/.well-known/openid-configuration</c> and its keys from its <c>jwks_uri</c>.
    /// Required outside the Development environment.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? Authority { get; set; }

    /// <summary>The <c>aud</c> every token must carry.</summary>
    /// <value>The default value is <c>mangaassist</c>.</value>
    [Required]
    [MinLength(1)]
    public string Audience { get; set; } = "mangaassist";

    /// <summary>How far clocks may disagree on <c>exp</c> and <c>nbf</c>.</summary>
    /// <value>The default value is 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether discovery and keys must come over https (false only for a local issuer on loopback).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Shortest time between two key refreshes caused by a token whose <c>kid</c> is unknown (key rotation);
    /// the keys are also re-read every <see cref="AutomaticRefreshInterval"/>.
    /// </summary>
    /// <value>The default value is 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <value>The default value is 12 h.</value>
    [Range(typeof(TimeSpan), "00:05:00", "2.00:00:00")]
    public TimeSpan AutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Guest tokens the service mints itself.</summary>
    public GuestOptions Guests { get; set; } = new();
}
