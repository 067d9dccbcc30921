using System.Runtime.CompilerServices;
using MangaAssist.Aws.ApiGatewayManagement;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Hygiene;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Delivery;

/// <summary>
/// Pushes one finished frame to one connection: through the outbound sanitizer, then
/// <c>@connections</c>, retrying 429 and 5xx in place (backoff with full jitter, or API Gateway's
/// hint) so the caller's frames never overtake each other. A post without an answer (a timeout or
/// a broken connection) is never retried: API Gateway may already have delivered it, and a second
/// copy would repeat a seq and its text. The stream ends there instead; the frame log lets the
/// client <c>resume</c> with exact frames.
/// </summary>
public sealed class FramePoster(
    IApiGatewayManagementClient connections,
    OutboundSanitizer sanitizer,
    IOptions<DeliveryOptions> options,
    TimeProvider timeProvider,
    Randomizer randomizer,
    ChatTelemetry telemetry,
    ILogger<FramePoster> logger)
{
    private readonly DeliveryOptions _options = options.Value;

    // One call per frame per stream: pooled state machines, so a post that waits for its answer allocates no box.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<DeliveryResult> PostAsync(string connectionId, ReadOnlyMemory<byte> frame, string? requestId, long seq, CancellationToken cancellationToken)
    {
        // Every frame passes the outbound gate; the service's own frames are clean and pass uncopied.
        var payload = sanitizer.Sanitize(frame);
        for (var attempt = 1; ; attempt++)
        {
            // The post itself is never cancelled: a post cut off half-way may or may not have reached
            // the client, and seq could no longer be trusted. Each post has its own timeout instead.
            var result = await connections.PostToConnectionAsync(connectionId, payload, CancellationToken.None);
            telemetry.RecordPost(result.Status);
            switch (result.Status)
            {
                case PostToConnectionStatus.Delivered:
                    return DeliveryResult.Delivered;
                case PostToConnectionStatus.Gone:
                    return DeliveryResult.ClientGone;
                case PostToConnectionStatus.Throttled or PostToConnectionStatus.Failed
                    when result.StatusCode is not null && attempt < _options.MaxAttempts:
                    await Task.Delay(Backoff(attempt, result.RetryAfter), timeProvider, cancellationToken);
                    continue;
                default:
                    Log.FrameNotDelivered(logger, connectionId, requestId, seq, result.Status, result.StatusCode, attempt);
                    return DeliveryResult.Failed;
            }
        }
    }

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } hint && hint > TimeSpan.Zero)
        {
            return hint;
        }

        // Full jitter: spreads the retries of many streams that were throttled at the same moment.
        var ceiling = _options.RetryBaseDelay * Math.Pow(2, attempt - 1);
        return ceiling * randomizer.NextDouble();
    }
}
