using System.ComponentModel.DataAnnotations;
using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Orchestrator.Options;

/// <summary>The integration door in front of the API Gateway routes. Configuration section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Shortest accepted secret: 32 characters keep guessing out of reach whatever alphabet is used.</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>
    /// The value every route call must carry in <c>X-MangaAssist-Integration-Secret</c>, set by the API's
    /// integration request parameters (container/apigateway). Required outside the Development environment;
    /// without it in Development the door is open and start-up says so.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [Secret]
    [MinLength(MinimumSecretLength)]
    public string? IntegrationSecret { get; set; }
}
