using System.ComponentModel.DataAnnotations;
using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Orchestrator.Apis.CatalogSearch;

/// <summary><c>GET /v1/catalog/search</c>: cursor signing and the response-size warning. Section <c>CatalogSearch</c>.</summary>
public sealed class CatalogSearchOptions
{
    public const string SectionName = "CatalogSearch";

    /// <summary>Shortest accepted key: 32 characters keep forging a cursor out of reach.</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>
    /// The key every instance signs and checks page cursors with (HMAC-SHA256), so a cursor from one instance works
    /// on another. In Development an ephemeral per-process key is used when it is empty; elsewhere the search
    /// answers 503 until it is set.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [Secret]
    [MinLength(MinimumKeyLength)]
    public string? CursorKey { get; set; }

    /// <summary>How long a page cursor stays valid: long enough to read a result list, short enough to rotate keys.</summary>
    /// <value>The default value is 1 h.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan CursorLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A response body above this size logs a Warning (the size histogram records every response).</summary>
    /// <value>The default value is 64 KiB, half of API Gateway's WebSocket frame limit.</value>
    [Range(1024, 10 * 1024 * 1024)]
    public int ResponseSizeWarningBytes { get; set; } = 64 * 1024;
}
