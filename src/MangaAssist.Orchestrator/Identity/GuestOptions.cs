using System.ComponentModel.DataAnnotations;
using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Orchestrator.Identity;

/// <summary>Guests: short-lived tokens the service signs itself (<c>POST /v1/guest-tokens</c>). Section <c>Identity:Guests</c>.</summary>
public sealed class GuestOptions
{
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Enabled { get; set; }

    /// <summary>
    /// The EC P-256 or RSA private key (PEM) every instance signs and checks guest tokens with. Required when
    /// guests are enabled outside Development; in Development an ephemeral key is made when it is empty.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [Secret]
    public string? SigningKeyPem { get; set; }

    /// <summary>How long a guest token is valid.</summary>
    /// <value>The default value is 1 h.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The <c>iss</c> of guest tokens; distinct from any real issuer so the two never share keys.</summary>
    /// <value>The default value is <c>urn:mangaassist:guest</c>.</value>
    [Required]
    [MinLength(1)]
    public string Issuer { get; set; } = "urn:mangaassist:guest";

    /// <summary>Browser origins (a store's chat page) that may call <c>POST /v1/guest-tokens</c> cross-origin.</summary>
    /// <value>The default value is empty: no cross-origin caller.</value>
    public string[] AllowedOrigins { get; set; } = [];
}
