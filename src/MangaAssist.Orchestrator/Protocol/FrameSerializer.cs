using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.Orchestrator.Protocol;

/// <summary>
/// Writes service frames as UTF-8 JSON (docs/protocol.md). Delta frames are written by hand
/// with <see cref="JsonText"/> so their size is known before writing; the rest are small and
/// go through <see cref="Utf8JsonWriter"/>.
/// </summary>
public static class FrameSerializer
{
    /// <summary>API Gateway's WebSocket frame limit.</summary>
    public const int MaxFrameBytes = MangaAssist.ServiceDefaults.ApiGateway.ApiGatewayQuotas.FrameBytes;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Bytes a delta frame takes besides its escaped text.</summary>
    public static int DeltaEnvelopeBytes(string requestId, long seq) =>
        """{"type":"delta","requestId":"","seq":,"text":""}""".Length
        + JsonText.EscapedLength(requestId)
        + CountDigits(seq);

    public static void WriteDelta(IBufferWriter<byte> writer, string requestId, long seq, ReadOnlySpan<char> text)
    {
        Write(writer, """{"type":"delta","requestId":"""u8);
        JsonText.WriteQuoted(writer, requestId);
        Write(writer, ""","seq":"""u8);
        var span = writer.GetSpan(20);
        seq.TryFormat(span, out var digits, default, CultureInfo.InvariantCulture);
        writer.Advance(digits);
        Write(writer, ""","text":"""u8);
        JsonText.WriteQuoted(writer, text);
        Write(writer, "}"u8);
    }

    public static void WriteStart(IBufferWriter<byte> writer, string requestId, long seq, string model)
    {
        using var json = new Utf8JsonWriter(writer, WriterOptions);
        WriteHeader(json, "start", requestId, seq);
        json.WriteString("model"u8, model);
        json.WriteEndObject();
    }

    /// <summary>Most citations one frame carries; with bounded fields this keeps the frame far below 32 KB.</summary>
    public const int MaxCitations = 10;

    private const int MaxCitationFieldChars = 300;

    public static void WriteCitations(IBufferWriter<byte> writer, string requestId, long seq, IReadOnlyList<AnswerCitation> citations)
    {
        using var json = new Utf8JsonWriter(writer, WriterOptions);
        WriteHeader(json, "citations", requestId, seq);
        json.WriteStartArray("items"u8);
        foreach (var citation in citations.Take(MaxCitations))
        {
            json.WriteStartObject();
            json.WriteString("id"u8, Bounded(citation.Id));
            json.WriteString("title"u8, Bounded(citation.Title));
            json.WriteString("url"u8, Bounded(citation.Url));
            if (!string.IsNullOrEmpty(citation.JapaneseTitle))
            {
                json.WriteString("japaneseTitle"u8, Bounded(citation.JapaneseTitle));
            }

            if (citation.PriceJpy is { } price)
            {
                json.WriteNumber("priceJpy"u8, price);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Bounded(string value) => value.Length <= MaxCitationFieldChars ? value : value[..MaxCitationFieldChars];

    public static void WriteDone(
        IBufferWriter<byte> writer, string requestId, long seq, string stopReason, AnswerUsage? usage, bool cached, string model)
    {
        using var json = new Utf8JsonWriter(writer, WriterOptions);
        WriteHeader(json, "done", requestId, seq);
        json.WriteString("stopReason"u8, stopReason);
        if (usage is { } u)
        {
            json.WriteStartObject("usage"u8);
            json.WriteNumber("inputTokens"u8, u.InputTokens);
            json.WriteNumber("outputTokens"u8, u.OutputTokens);
            if (u.CacheReadInputTokens > 0 || u.CacheWriteInputTokens > 0)
            {
                json.WriteNumber("cacheReadInputTokens"u8, u.CacheReadInputTokens);
                json.WriteNumber("cacheWriteInputTokens"u8, u.CacheWriteInputTokens);
            }

            if (u is { Cost: { } cost, Currency: { } currency })
            {
                json.WriteStartObject("cost"u8);
                json.WriteNumber("amount"u8, cost);
                json.WriteString("currency"u8, currency);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteBoolean("cached"u8, cached);
        json.WriteString("model"u8, model);
        json.WriteEndObject();
    }

    public static void WriteError(IBufferWriter<byte> writer, string? requestId, long seq, ErrorFrame error)
    {
        using var json = new Utf8JsonWriter(writer, WriterOptions);
        WriteHeader(json, "error", requestId, seq);
        json.WriteString("code"u8, error.Code);
        json.WriteString("message"u8, error.Message);
        json.WriteBoolean("retryable"u8, error.Retryable);
        if (error.RetryAfterMs is { } retryAfter)
        {
            json.WriteNumber("retryAfterMs"u8, retryAfter);
        }

        json.WriteBoolean("partial"u8, error.Partial);
        json.WriteEndObject();
    }

    /// <summary>The answer to <c>forget</c>: what was deleted, by kind, and how many answers in progress were stopped.</summary>
    public static void WriteForgotten(IBufferWriter<byte> writer, string? requestId, IReadOnlyDictionary<string, int> deleted, int cancelled)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        using var json = new Utf8JsonWriter(writer, WriterOptions);
        WriteHeader(json, "forgotten", requestId, 0);
        json.WriteStartObject("deleted"u8);
        foreach (var (kind, count) in deleted)
        {
            json.WriteNumber(kind, count);
        }

        json.WriteEndObject();
        json.WriteNumber("cancelled"u8, cancelled);
        json.WriteEndObject();
    }

    /// <summary>The answer to <c>ping</c>: proof the connection and the service are alive.</summary>
    public static void WritePong(IBufferWriter<byte> writer, string? requestId)
    {
        using var json = new Utf8JsonWriter(writer, WriterOptions);
        WriteHeader(json, "pong", requestId, 0);
        json.WriteEndObject();
    }

    private static void WriteHeader(Utf8JsonWriter json, string type, string? requestId, long seq)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, type);
        if (requestId is null)
        {
            json.WriteNull("requestId"u8);
        }
        else
        {
            json.WriteString("requestId"u8, requestId);
        }

        json.WriteNumber("seq"u8, seq);
    }

    private static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(writer.GetSpan(bytes.Length));
        writer.Advance(bytes.Length);
    }

    private static int CountDigits(long value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}
