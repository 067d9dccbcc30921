using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using MangaAssist.Emulators.Bedrock.Errors;
using MangaAssist.Emulators.Bedrock.EventStream;
using MangaAssist.Emulators.Bedrock.Faults;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>
/// Writes ConverseStream events to the response body, one flush per event. A flush that reports the reader gone
/// ends the stream as a client abort, signalled by <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class ConverseStreamWriter(PipeWriter body, CancellationToken requestAborted) : IDisposable
{
    private readonly ArrayBufferWriter<byte> _payload = new(256);
    private readonly Utf8JsonWriter _json = new(Stream.Null);

    public ValueTask MessageStartAsync() => WriteAsync(ConverseStreamEvents.MessageStart, json =>
    {
        json.WriteString("role", "assistant");
    });

    public ValueTask DeltaAsync(string text) => WriteAsync(ConverseStreamEvents.ContentBlockDelta, json =>
    {
        json.WriteNumber("contentBlockIndex", 0);
        json.WriteStartObject("delta");
        json.WriteString("text", text);
        json.WriteEndObject();
    });

    public ValueTask ContentBlockStopAsync() => WriteAsync(ConverseStreamEvents.ContentBlockStop, json =>
    {
        json.WriteNumber("contentBlockIndex", 0);
    });

    public ValueTask MessageStopAsync(string stopReason) => WriteAsync(ConverseStreamEvents.MessageStop, json =>
    {
        json.WriteString("stopReason", stopReason);
    });

    public ValueTask MetadataAsync(PreparedChat chat, int outputTokens, long latencyMs) => WriteAsync(ConverseStreamEvents.Metadata, json =>
    {
        chat.WriteUsage(json, outputTokens);
        json.WriteStartObject("metrics");
        json.WriteNumber("latencyMs", latencyMs);
        json.WriteEndObject();
    });

    /// <summary>Ends the stream with the exception event of an in-stream fault.</summary>
    public ValueTask ExceptionAsync(FaultKind kind) => kind switch
    {
        FaultKind.StreamError => WriteAsync(ConverseStreamEvents.ModelStreamErrorException, json =>
        {
            json.WriteString("message", "The model encountered an error while streaming the response. Try your request again.");
            json.WriteNumber("originalStatusCode", 500);
            json.WriteString("originalMessage", "Internal error while generating the response stream.");
        }),
        FaultKind.StreamThrottle => WriteAsync(ConverseStreamEvents.ThrottlingException, json =>
        {
            json.WriteString("message", BedrockErrors.TooManyRequestsMessage);
        }),
        FaultKind.StreamInternal => WriteAsync(ConverseStreamEvents.InternalServerException, json =>
        {
            json.WriteString("message", BedrockErrors.InternalServer().Message);
        }),
        FaultKind.StreamUnavailable => WriteAsync(ConverseStreamEvents.ServiceUnavailableException, json =>
        {
            json.WriteString("message", BedrockErrors.TooManyConnectionsMessage);
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an in-stream exception."),
    };

    /// <summary>
    /// A contentBlockDelta whose message checksum is wrong (the last byte flipped): its payload still parses, so
    /// only a client that checks the CRC notices.
    /// </summary>
    public ValueTask CorruptDeltaAsync(string text)
    {
        WritePayload(json =>
        {
            json.WriteNumber("contentBlockIndex", 0);
            json.WriteStartObject("delta");
            json.WriteString("text", text);
            json.WriteEndObject();
        });
        var frame = new ArrayBufferWriter<byte>();
        EventStreamEncoder.Write(frame, ConverseStreamEvents.ContentBlockDelta, _payload.WrittenSpan);
        var bytes = frame.WrittenSpan.ToArray();
        bytes[^1] ^= 0xFF;
        body.Write(bytes);
        return FlushAsync();
    }

    private ValueTask WriteAsync(byte[] headers, Action<Utf8JsonWriter> writePayload)
    {
        WritePayload(writePayload);
        EventStreamEncoder.Write(body, headers, _payload.WrittenSpan);
        return FlushAsync();
    }

    private void WritePayload(Action<Utf8JsonWriter> writePayload)
    {
        _payload.ResetWrittenCount();
        _json.Reset(_payload);
        _json.WriteStartObject();
        writePayload(_json);
        _json.WriteEndObject();
        _json.Flush();
    }

    private async ValueTask FlushAsync()
    {
        var flushed = await body.FlushAsync(requestAborted);
        if (flushed.IsCanceled || flushed.IsCompleted)
        {
            throw new OperationCanceledException("The client stopped reading the stream.", requestAborted);
        }
    }

    public void Dispose() => _json.Dispose();
}
