using System.Buffers;
using MangaAssist.Aws.ApiGatewayManagement;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Hygiene;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Protocol;

namespace MangaAssist.Orchestrator.Streaming;

/// <summary>
/// The frames of one request on their way to one client: numbers them (seq 0, 1, 2, …), keeps
/// each under the frame limit by splitting long text, and posts them one after another through
/// <c>@connections</c>, retrying throttled posts in place so frames never overtake each other.
/// After a frame is lost nothing more is sent: a gap in seq would break the protocol.
/// Not thread-safe: one logical sender at a time (start, then deltas, then the terminal frame).
/// </summary>
public sealed class ClientFrameStream(
    string connectionId,
    string? requestId,
    IApiGatewayManagementClient connections,
    StreamingOptions streaming,
    DeliveryOptions delivery,
    TimeProvider timeProvider,
    ChatTelemetry telemetry,
    OutboundSanitizer sanitizer,
    ILogger logger)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private DeliveryResult _state = DeliveryResult.Delivered;
    private bool _terminalSent;

    /// <summary>The seq the next frame will carry, which is also the number of frames delivered.</summary>
    public long NextSeq { get; private set; }

    /// <summary>Whether any answer text reached the client.</summary>
    public bool DeliveredText { get; private set; }

    public DeliveryResult State => _state;

    public string? RequestId => requestId;

    /// <summary>Whether the terminal frame (done or error) was written; nothing may follow it.</summary>
    public bool TerminalSent => _terminalSent;

    public ValueTask<DeliveryResult> SendStartAsync(string model, CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        FrameSerializer.WriteStart(_buffer, RequestIdOrThrow, NextSeq, model);
        return PostAsync(cancellationToken);
    }

    /// <summary>Sends <paramref name="text"/> as one delta frame, or several when it does not fit one.</summary>
    public async ValueTask<DeliveryResult> SendDeltaAsync(string text, CancellationToken cancellationToken)
    {
        var offset = 0;
        while (offset < text.Length && _state == DeliveryResult.Delivered)
        {
            var budget = streaming.MaxFrameBytes - FrameSerializer.DeltaEnvelopeBytes(RequestIdOrThrow, NextSeq);
            var length = DeltaTextSplitter.FittingPrefixLength(text.AsSpan(offset), budget);
            _buffer.ResetWrittenCount();
            FrameSerializer.WriteDelta(_buffer, RequestIdOrThrow, NextSeq, text.AsSpan(offset, length));
            if (await PostAsync(cancellationToken) == DeliveryResult.Delivered)
            {
                DeliveredText = true;
            }

            offset += length;
        }

        return _state;
    }

    public ValueTask<DeliveryResult> SendCitationsAsync(IReadOnlyList<Citation> citations, CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        FrameSerializer.WriteCitations(_buffer, RequestIdOrThrow, NextSeq, citations);
        return PostAsync(cancellationToken);
    }

    public ValueTask<DeliveryResult> SendDoneAsync(string stopReason, TokenUsage? usage, bool cached, string model, CancellationToken cancellationToken)
    {
        MarkTerminal();
        _buffer.ResetWrittenCount();
        FrameSerializer.WriteDone(_buffer, RequestIdOrThrow, NextSeq, stopReason, usage, cached, model);
        return PostAsync(cancellationToken);
    }

    public ValueTask<DeliveryResult> SendErrorAsync(ErrorFrame error, CancellationToken cancellationToken)
    {
        MarkTerminal();
        _buffer.ResetWrittenCount();
        FrameSerializer.WriteError(_buffer, requestId, NextSeq, error with { Partial = error.Partial || DeliveredText });
        return PostAsync(cancellationToken);
    }

    private string RequestIdOrThrow =>
        requestId ?? throw new InvalidOperationException("Only error frames may be sent without a request id.");

    private void MarkTerminal()
    {
        // Promise 2 of the protocol: exactly one terminal frame, nothing after it.
        if (_terminalSent)
        {
            throw new InvalidOperationException("A terminal frame was already sent for this request.");
        }

        _terminalSent = true;
    }

    private async ValueTask<DeliveryResult> PostAsync(CancellationToken cancellationToken)
    {
        if (_state != DeliveryResult.Delivered)
        {
            return _state;
        }

        // Every frame passes the outbound gate; the service's own frames are clean and pass uncopied.
        var frame = sanitizer.Sanitize(_buffer.WrittenMemory);
        for (var attempt = 1; ; attempt++)
        {
            // The post itself is never cancelled: a post cut off half-way may or may not have reached
            // the client, and seq could no longer be trusted. Each post has its own timeout instead.
            var result = await connections.PostToConnectionAsync(connectionId, frame, CancellationToken.None);
            telemetry.RecordPost(result.Status);
            switch (result.Status)
            {
                case PostToConnectionStatus.Delivered:
                    NextSeq++;
                    return DeliveryResult.Delivered;
                case PostToConnectionStatus.Gone:
                    _state = DeliveryResult.ClientGone;
                    return _state;
                case PostToConnectionStatus.Throttled or PostToConnectionStatus.Failed when attempt < delivery.MaxAttempts:
                    await Task.Delay(Backoff(attempt, result.RetryAfter), timeProvider, cancellationToken);
                    continue;
                default:
                    Log.FrameNotDelivered(logger, connectionId, requestId, NextSeq, result.Status, result.StatusCode, attempt);
                    _state = DeliveryResult.Failed;
                    return _state;
            }
        }
    }

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } hint && hint > TimeSpan.Zero)
        {
            return hint;
        }

        // Full jitter: spreads retries of many streams that were throttled at the same moment.
        var ceiling = delivery.RetryBaseDelay * Math.Pow(2, attempt - 1);
        return ceiling * Random.Shared.NextDouble();
    }
}
