using System.Globalization;
using System.Net.Http.Headers;
using MangaAssist.Emulators.ApiGateway.Configuration;
using MangaAssist.Emulators.ApiGateway.Diagnostics;
using TargetGroup = MangaAssist.Emulators.ApiGateway.Targets.TargetGroup;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.ApiGateway.Integration;

/// <summary>Calls the service's HTTP integration with the mapped context headers and the integration timeout.</summary>
internal sealed class IntegrationClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _httpClient;
    private readonly TargetGroup _targets;
    private readonly TimeSpan _timeout;
    private readonly string? _integrationSecret;
    private readonly TimeProvider _timeProvider;
    private readonly GatewayStats _stats;
    private readonly ILogger<IntegrationClient> _logger;

    public IntegrationClient(
        IntegrationHttpClient httpClient,
        TargetGroup targets,
        IOptions<ApiGatewayEmulatorOptions> options,
        TimeProvider timeProvider,
        GatewayStats stats,
        ILogger<IntegrationClient> logger)
    {
        _httpClient = httpClient.Client;
        _targets = targets;
        _timeout = options.Value.IntegrationTimeout;
        _integrationSecret = string.IsNullOrEmpty(options.Value.IntegrationSecret) ? null : options.Value.IntegrationSecret;
        _timeProvider = timeProvider;
        _stats = stats;
        _logger = logger;
    }

    public async Task<IntegrationOutcome> SendAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        var outcome = await CallAsync(request, cancellationToken);
        _stats.IntegrationCall(request.Route.Key, outcome.StatsLabel);
        if (outcome.Kind != IntegrationOutcomeKind.Succeeded)
        {
            Log.IntegrationUnsuccessful(_logger, request.Route.Key, request.Connection.ConnectionId, outcome.StatsLabel);
        }

        return outcome;
    }

    private async Task<IntegrationOutcome> CallAsync(IntegrationRequest request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var target = _targets.Next();
        using var message = BuildMessage(target.BaseUrl, request);
        try
        {
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            target.Answered(request.Route.Key);
            var status = (int)response.StatusCode;
            var kind = status is >= 200 and < 300 ? IntegrationOutcomeKind.Succeeded : IntegrationOutcomeKind.ErrorStatus;
            return new IntegrationOutcome(kind, status, body);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return IntegrationOutcome.TimedOut;
        }
        catch (HttpRequestException exception)
        {
            Log.IntegrationFailed(_logger, request.Route.Key, exception);
            if (exception.HttpRequestError == HttpRequestError.ConnectionError)
            {
                // A target that refuses the connection fails this call (API Gateway answers it as any integration
                // failure) and counts toward taking the target out of service.
                _targets.Failed(target, "connection refused");
            }

            return IntegrationOutcome.Failed;
        }
    }

    private HttpRequestMessage BuildMessage(string baseUrl, IntegrationRequest request)
    {
        var uri = new Uri(baseUrl + request.Route.IntegrationPath + request.QueryString, UriKind.Absolute);
        var content = new ReadOnlyMemoryContent(request.Body);
        content.Headers.ContentType = Json;
        var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        var connection = request.Connection;
        message.Headers.TryAddWithoutValidation(IntegrationHeaders.ConnectionId, connection.ConnectionId);
        message.Headers.TryAddWithoutValidation(IntegrationHeaders.RouteKey, request.Route.Key);
        message.Headers.TryAddWithoutValidation(IntegrationHeaders.EventType, request.EventType);
        message.Headers.TryAddWithoutValidation(IntegrationHeaders.RequestId, request.RequestId);
        message.Headers.TryAddWithoutValidation(
            IntegrationHeaders.ConnectedAt,
            connection.ConnectedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        message.Headers.TryAddWithoutValidation(IntegrationHeaders.SourceIp, connection.SourceIp);
        if (_integrationSecret is not null)
        {
            message.Headers.TryAddWithoutValidation(IntegrationHeaders.IntegrationSecret, _integrationSecret);
        }

        foreach (var (name, value) in request.ExtraHeaders)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }
}
