using System.Text;
using System.Text.Json;
using MangaAssist.Aws.EventStreams;
using Microsoft.Extensions.AI;

namespace MangaAssist.Aws.Bedrock;

/// <summary>
/// Turns one ConverseStream event-stream frame into at most one <see cref="ChatResponseUpdate"/>. Payloads are
/// read in place with <see cref="Utf8JsonReader"/>; a text delta costs its string and the update, nothing more.
/// </summary>
internal static class ConverseStreamEvents
{
    public static ChatResponseUpdate? Read(in EventStreamFrame frame, ConverseStreamState state)
    {
        if (!frame.TryGetStringHeader(":message-type"u8, out var messageType))
        {
            throw BedrockErrors.CorruptStream(state.RequestId, new InvalidDataException("Event-stream frame without :message-type."));
        }

        if (messageType.SequenceEqual("exception"u8))
        {
            frame.TryGetStringHeader(":exception-type"u8, out var exceptionType);
            throw BedrockErrors.FromStreamException(
                exceptionType.IsEmpty ? "UnknownException" : Encoding.UTF8.GetString(exceptionType),
                ReadMessage(frame.Payload),
                state.RequestId);
        }

        if (messageType.SequenceEqual("error"u8))
        {
            frame.TryGetStringHeader(":error-code"u8, out var code);
            frame.TryGetStringHeader(":error-message"u8, out var message);
            throw BedrockErrors.FromStreamException(
                code.IsEmpty ? "UnknownError" : Encoding.UTF8.GetString(code),
                message.IsEmpty ? null : Encoding.UTF8.GetString(message),
                state.RequestId);
        }

        if (!messageType.SequenceEqual("event"u8) || !frame.TryGetStringHeader(":event-type"u8, out var eventType))
        {
            return null;
        }

        if (eventType.SequenceEqual("contentBlockDelta"u8))
        {
            return ReadDelta(frame.Payload, state);
        }

        if (eventType.SequenceEqual("messageStop"u8))
        {
            return ReadMessageStop(frame.Payload, state);
        }

        if (eventType.SequenceEqual("metadata"u8))
        {
            return ReadMetadata(frame.Payload, state);
        }

        // messageStart, contentBlockStart, contentBlockStop carry nothing a text client needs.
        return null;
    }

    private static ChatResponseUpdate? ReadDelta(ReadOnlySpan<byte> payload, ConverseStreamState state)
    {
        var reader = new Utf8JsonReader(payload);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isText = reader.ValueTextEquals("text"u8);
                reader.Read();
                if (isText && reader.TokenType == JsonTokenType.String)
                {
                    var text = reader.GetString()!;
                    state.Deltas++;
                    return Stamp(new ChatResponseUpdate(ChatRole.Assistant, text), state);
                }

                reader.Skip();
            }
        }

        return null;
    }

    private static ChatResponseUpdate ReadMessageStop(ReadOnlySpan<byte> payload, ConverseStreamState state)
    {
        var reader = new Utf8JsonReader(payload);
        reader.Read();
        var stopReason = "end_turn";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isStopReason = reader.ValueTextEquals("stopReason"u8);
            reader.Read();
            if (isStopReason && reader.TokenType == JsonTokenType.String)
            {
                stopReason = reader.GetString()!;
            }
            else
            {
                reader.Skip();
            }
        }

        if (stopReason == StopReasons.ContextWindowExceeded && state.Deltas == 0)
        {
            throw BedrockErrors.ContextWindowExceeded(state.RequestId);
        }

        state.StopReason = stopReason;
        var update = Stamp(new ChatResponseUpdate { Role = ChatRole.Assistant, FinishReason = StopReasons.ToFinishReason(stopReason) }, state);
        update.AdditionalProperties = new AdditionalPropertiesDictionary { [StopReasons.AdditionalPropertyName] = stopReason };
        return update;
    }

    private static ChatResponseUpdate? ReadMetadata(ReadOnlySpan<byte> payload, ConverseStreamState state)
    {
        var reader = new Utf8JsonReader(payload);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isUsage = reader.ValueTextEquals("usage"u8);
            reader.Read();
            if (isUsage && reader.TokenType == JsonTokenType.StartObject)
            {
                var usage = ReadUsage(ref reader);
                state.InputTokens = usage.InputTokenCount;
                state.OutputTokens = usage.OutputTokenCount;
                return Stamp(new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(usage)]), state);
            }

            reader.Skip();
        }

        return null;
    }

    /// <summary>
    /// Reads a Converse <c>usage</c> object; the reader is on its StartObject. Bedrock's <c>inputTokens</c>
    /// excludes cache reads and writes, which come as <c>cacheReadInputTokens</c> (here
    /// <see cref="UsageDetails.CachedInputTokenCount"/>) and <c>cacheWriteInputTokens</c> (an additional count).
    /// </summary>
    internal static UsageDetails ReadUsage(ref Utf8JsonReader reader)
    {
        var usage = new UsageDetails();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("inputTokens"u8) ? 1
                : reader.ValueTextEquals("outputTokens"u8) ? 2
                : reader.ValueTextEquals("totalTokens"u8) ? 3
                : reader.ValueTextEquals("cacheReadInputTokens"u8) ? 4
                : reader.ValueTextEquals("cacheWriteInputTokens"u8) ? 5
                : 0;
            reader.Read();
            if (name == 0 || reader.TokenType != JsonTokenType.Number)
            {
                reader.Skip();
                continue;
            }

            var value = reader.GetInt64();
            switch (name)
            {
                case 1: usage.InputTokenCount = value; break;
                case 2: usage.OutputTokenCount = value; break;
                case 3: usage.TotalTokenCount = value; break;
                case 4: usage.CachedInputTokenCount = value; break;
                default: (usage.AdditionalCounts ??= [])[BedrockUsage.CacheWriteInputTokens] = value; break;
            }
        }

        usage.TotalTokenCount ??= usage.InputTokenCount + usage.OutputTokenCount;
        return usage;
    }

    private static string? ReadMessage(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMessage = reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8);
                reader.Read();
                if (isMessage && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // An exception frame whose payload is not JSON still maps by its :exception-type.
        }

        return null;
    }

    private static ChatResponseUpdate Stamp(ChatResponseUpdate update, ConverseStreamState state)
    {
        update.ModelId = state.ModelId;
        update.ResponseId = state.RequestId;
        update.MessageId = state.RequestId;
        update.CreatedAt = state.CreatedAt;
        return update;
    }
}
