using System.ComponentModel.DataAnnotations;
using MangaAssist.ServiceDefaults.ApiGateway;
using MangaAssist.ServiceDefaults.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MangaAssist.Emulators.ApiGateway.Configuration;

/// <summary>
/// Settings of the emulated WebSocket API, bound from the <c>ApiGatewayEmulator</c> configuration section.
/// Defaults are the AWS quotas and the contract in docs/architecture.md.
/// </summary>
public sealed class ApiGatewayEmulatorOptions
{
    public const string SectionName = "ApiGatewayEmulator";

    /// <summary>Address Kestrel listens on when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> is given.</summary>
    /// <value>The default value is <c>http://127.0.0.1:8080</c>.</value>
    public string ListenUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// HTTP versions of the listener. <c>Http1AndHttp2</c> serves both on one cleartext port: HTTP/2 to clients that
    /// open with the prior-knowledge preface (the service's <c>@connections</c> client with <c>ApiGatewayManagement:HttpVersion=Http2</c>),
    /// HTTP/1.1 to the rest (browsers' and SDKs' WebSockets, the AWS SDKs' management clients, curl).
    /// </summary>
    /// <value>The default value is <see cref="HttpProtocols.Http1AndHttp2"/>.</value>
    public HttpProtocols HttpProtocols { get; set; } = HttpProtocols.Http1AndHttp2;

    /// <summary>Stage name: clients may connect at <c>/{Stage}</c> and the management API answers at <c>/{Stage}/@connections</c>.</summary>
    /// <value>The default value is <c>local</c>.</value>
    public string Stage { get; set; } = "local";

    /// <summary>Base URL of the HTTP integration (the orchestrator service); route paths are appended to it.</summary>
    /// <value>The default value is <c>http://127.0.0.1:5080</c>.</value>
    public string IntegrationBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Several service instances behind the gateway, called in turn per integration request, as a load balancer in
    /// front of an HTTP integration (an ALB behind a VPC link) spreads them. When set, it replaces
    /// <see cref="IntegrationBaseUrl"/>.
    /// </summary>
    /// <value>The default value is empty: every call goes to <see cref="IntegrationBaseUrl"/>.</value>
    public string[] IntegrationBaseUrls { get; set; } = [];

    /// <summary>The integration base URLs in use: <see cref="IntegrationBaseUrls"/>, else <see cref="IntegrationBaseUrl"/>.</summary>
    public IReadOnlyList<string> EffectiveIntegrationBaseUrls =>
        IntegrationBaseUrls.Length > 0 ? IntegrationBaseUrls : [IntegrationBaseUrl];

    /// <summary>Health checks of the integration targets (<see cref="EffectiveIntegrationBaseUrls"/>); off unless a path is set.</summary>
    public TargetHealthOptions TargetHealth { get; set; } = new();

    /// <summary>
    /// Route key → integration path. Configuring any route replaces the whole default table,
    /// so a table without <c>$default</c> (or without <c>$connect</c>) can be expressed.
    /// </summary>
    /// <value>The default value is the table of docs/architecture.md (<see cref="RouteTableDefaults"/>).</value>
    public Dictionary<string, string> Routes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Route keys that have a route response: their 2xx integration response body is sent to the client.</summary>
    /// <value>The default value is empty (every route is one-way).</value>
    public List<string> TwoWayRoutes { get; set; } = [];

    /// <summary>Route selection expression; <c>$request.body.&lt;dotted.path&gt;</c> is supported.</summary>
    /// <value>The default value is <c>$request.body.action</c>.</value>
    public string RouteSelectionExpression { get; set; } = "$request.body.action";

    /// <summary>Time the gateway waits for an integration response.</summary>
    /// <value>The default value is 29 seconds (AWS hard limit).</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan IntegrationTimeout { get; set; } = ApiGatewayQuotas.IntegrationTimeout;

    /// <summary>A connection with no message from its client for this long is closed (1001).</summary>
    /// <value>The default value is 10 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = ApiGatewayQuotas.IdleTimeout;

    /// <summary>A connection is closed (1001) this long after it was opened, whatever its activity.</summary>
    /// <value>The default value is 2 hours.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan MaxConnectionDuration { get; set; } = ApiGatewayQuotas.MaxConnectionDuration;

    /// <summary>Largest client message and largest PostToConnection payload, in bytes.</summary>
    /// <value>The default value is 131072 (128 KB).</value>
    [Range(1, int.MaxValue)]
    public int MaxMessageBytes { get; set; } = ApiGatewayQuotas.MessageBytes;

    /// <summary>Largest WebSocket frame the gateway sends; longer messages are split into continuation frames. At least 4 bytes, the longest UTF-8 character.</summary>
    /// <value>The default value is 32768 (32 KB).</value>
    [Range(4, int.MaxValue)]
    public int FrameBytes { get; set; } = ApiGatewayQuotas.FrameBytes;

    /// <summary>When true, <c>@connections</c> requests without a SigV4 <c>Authorization</c> header for <c>execute-api</c> get 403.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireSignedManagementRequests { get; set; } = true;

    /// <summary>
    /// When set, every integration request carries it in <c>X-MangaAssist-Integration-Secret</c>, as the
    /// deployed API's request parameter mapping does, so the service's integration door opens.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (no header).</value>
    [Secret]
    public string? IntegrationSecret { get; set; }

    /// <summary>
    /// Request parameters of the <c>$connect</c> integration, written as in the API definition:
    /// <c>integration.request.header.{Name}</c> → <c>route.request.querystring.{name}</c> or <c>route.request.header.{name}</c>.
    /// Configuring any entry replaces the defaults; an entry with an empty source maps nothing.
    /// </summary>
    /// <value>The default value maps the <c>token</c> query parameter onto <c>X-MangaAssist-Token</c> (<see cref="RequestParameterDefaults"/>).</value>
    public Dictionary<string, string> ConnectRequestParameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The <c>$connect</c> request parameters in effect: the configured ones, or the defaults when none is configured.</summary>
    public IReadOnlyDictionary<string, string> EffectiveConnectRequestParameters =>
        ConnectRequestParameters.Count > 0 ? ConnectRequestParameters : RequestParameterDefaults.Connect;

    /// <summary>The effective <c>$connect</c> request parameters that parse; the options checks report the others.</summary>
    internal IReadOnlyList<RequestParameterMapping> ParsedConnectRequestParameters =>
    [
        .. EffectiveConnectRequestParameters
            .Where(entry => entry.Value.Length > 0)
            .Select(entry => RequestParameterMapping.TryParse(entry.Key, entry.Value, out var mapping) ? mapping : null)
            .OfType<RequestParameterMapping>(),
    ];

    /// <summary>The route table in effect: the configured routes, or the defaults when none is configured.</summary>
    public IReadOnlyDictionary<string, string> EffectiveRoutes =>
        Routes.Count > 0 ? Routes : RouteTableDefaults.Routes;
}
