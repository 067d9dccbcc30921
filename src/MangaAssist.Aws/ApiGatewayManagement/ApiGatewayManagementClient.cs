using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MangaAssist.Aws.Http;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Aws.ApiGatewayManagement;

/// <summary>
/// <c>POST|GET|DELETE {endpoint}/@connections/{id}</c>, SigV4 service <c>execute-api</c>. PostToConnection sends
/// the bytes as is (<c>application/octet-stream</c>, as the official SDKs do) and reports failures as values.
/// </summary>
internal sealed class ApiGatewayManagementClient : IApiGatewayManagementClient
{
    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly SignedHttpTransport _transport;
    private readonly RequestTimeouts _timeouts;
    private readonly ConnectionTargets _targets;
    private readonly ILogger _logger;

    public ApiGatewayManagementClient(SignedHttpTransport transport, TimeSpan requestTimeout, ILogger<ApiGatewayManagementClient> logger)
    {
        _transport = transport;
        _timeouts = new RequestTimeouts(requestTimeout);
        _targets = new ConnectionTargets(transport);
        _logger = logger;
    }

    // One call per frame per stream: a pooled state machine, so a post that waits for its answer allocates no box.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<PostToConnectionResult> PostToConnectionAsync(string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var target = _targets.For(connectionId);
        var timeout = _timeouts.Rent();
        var registration = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), timeout);
        try
        {
            using var response = await _transport.SendAsync(HttpMethod.Post, target, data, OctetStream, null, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return new PostToConnectionResult(PostToConnectionStatus.Delivered, (int)response.StatusCode);
            }

            var error = await AwsErrorResponse.ReadAsync(response, _transport.Time, timeout.Token).ConfigureAwait(false);
            var status = StatusOf(response.StatusCode);
            Log.PostNotDelivered(_logger, connectionId, status, error.StatusCode, error.ErrorType);
            return new PostToConnectionResult(status, error.StatusCode, error.RetryAfter, error.Message ?? error.ErrorType, error.ErrorType);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsTransportFailure(exception))
        {
            var reason = timeout.IsCancellationRequested
                ? $"No answer within {_timeouts.Timeout.TotalMilliseconds:0} ms."
                : exception.Message;
            Log.PostTransportFailed(_logger, connectionId, reason);
            return new PostToConnectionResult(PostToConnectionStatus.Failed, null, null, reason);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
        {
            throw new OperationCanceledException("PostToConnection was cancelled.", exception, cancellationToken);
        }
        finally
        {
            registration.Dispose();
            _timeouts.Return(timeout);
        }
    }

    public async ValueTask<ApiGatewayConnection?> GetConnectionAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        using var response = await SendManagementCallAsync("GetConnection", HttpMethod.Get, connectionId, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        var json = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ReadConnection(json);
    }

    public async ValueTask<bool> DeleteConnectionAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        using var response = await SendManagementCallAsync("DeleteConnection", HttpMethod.Delete, connectionId, cancellationToken).ConfigureAwait(false);
        return response is not null;
    }

    internal static PostToConnectionStatus StatusOf(HttpStatusCode statusCode) => (int)statusCode switch
    {
        >= 200 and < 300 => PostToConnectionStatus.Delivered,
        410 => PostToConnectionStatus.Gone,
        413 => PostToConnectionStatus.PayloadTooLarge,
        429 => PostToConnectionStatus.Throttled,
        403 => PostToConnectionStatus.Forbidden,
        _ => PostToConnectionStatus.Failed,
    };

    // A successful response, null for 410 Gone, an exception for everything else.
    private async ValueTask<HttpResponseMessage?> SendManagementCallAsync(string operation, HttpMethod method, string connectionId, CancellationToken cancellationToken)
    {
        var path = ConnectionPaths.For(connectionId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeouts.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await _transport.SendAsync(method, path, ReadOnlyMemory<byte>.Empty, null, AcceptJson, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsTransportFailure(exception))
        {
            Log.ManagementCallFailed(_logger, operation, connectionId, PostToConnectionStatus.Failed, null, null);
            throw new ApiGatewayManagementException(PostToConnectionStatus.Failed, $"{operation} failed without an answer: {exception.Message}", innerException: exception);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var status = StatusOf(response.StatusCode);
            if (status == PostToConnectionStatus.Gone)
            {
                return null;
            }

            var error = await AwsErrorResponse.ReadAsync(response, _transport.Time, cancellationToken).ConfigureAwait(false);
            Log.ManagementCallFailed(_logger, operation, connectionId, status, error.StatusCode, error.ErrorType);
            throw new ApiGatewayManagementException(status, error.Message ?? $"{operation} answered {error.StatusCode}.", error.StatusCode, error.ErrorType, error.RetryAfter);
        }
    }

    private static bool IsTransportFailure(Exception exception) =>
        exception is IOException or HttpRequestException or OperationCanceledException or System.Net.Sockets.SocketException;

    private static ApiGatewayConnection ReadConnection(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string? sourceIp = null;
            string? userAgent = null;
            if (root.TryGetProperty("identity", out var identity) && identity.ValueKind == JsonValueKind.Object)
            {
                sourceIp = identity.TryGetProperty("sourceIp", out var ip) ? ip.GetString() : null;
                userAgent = identity.TryGetProperty("userAgent", out var agent) ? agent.GetString() : null;
            }

            return new ApiGatewayConnection(ReadTimestamp(root, "connectedAt"), ReadTimestamp(root, "lastActiveAt"), sourceIp, userAgent);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ApiGatewayManagementException(PostToConnectionStatus.Failed, "GetConnection answered with an unreadable body: " + exception.Message, 200, innerException: exception);
        }
    }

    // The model says ISO 8601 (date-time); epoch seconds are accepted too, as AWS JSON protocols use them by default.
    private static DateTimeOffset ReadTimestamp(JsonElement root, string name)
    {
        var value = root.GetProperty(name);
        return value.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.UnixEpoch.AddSeconds(value.GetDouble())
            : DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
