using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace MangaAssist.Emulators.Bedrock.EventStream;

/// <summary>
/// Reads one event-stream message from the front of a buffer. The prelude checksum is verified as soon as
/// its 12 bytes are present, so a corrupted length is reported instead of waiting for bytes that never come.
/// Error texts match the aws-c-event-stream test vectors ("Prelude checksum mismatch", "Message checksum mismatch").
/// </summary>
public static class EventStreamDecoder
{
    /// <summary>Largest message the service side accepts (16 MiB), as in the AWS SDKs.</summary>
    public const int MaxMessageLength = 16 * 1024 * 1024;

    /// <summary>Largest headers section (128 KiB), as in the AWS SDKs.</summary>
    public const int MaxHeadersLength = 128 * 1024;

    public static EventStreamDecodeResult Decode(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < EventStreamEncoder.PreludeLength)
        {
            return EventStreamDecodeResult.NeedMoreData;
        }

        var totalLength = BinaryPrimitives.ReadUInt32BigEndian(buffer);
        var headersLength = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]);
        var preludeCrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);

        if (Crc32.HashToUInt32(buffer[..8]) != preludeCrc)
        {
            return EventStreamDecodeResult.Invalid("Prelude checksum mismatch");
        }

        if (totalLength < EventStreamEncoder.MinimumMessageLength || totalLength > MaxMessageLength)
        {
            return EventStreamDecodeResult.Invalid($"Message length {totalLength} is outside 16..{MaxMessageLength}");
        }

        if (headersLength > MaxHeadersLength || headersLength > totalLength - EventStreamEncoder.MinimumMessageLength)
        {
            return EventStreamDecodeResult.Invalid($"Headers length {headersLength} does not fit the message length {totalLength}");
        }

        if (buffer.Length < totalLength)
        {
            return EventStreamDecodeResult.NeedMoreData;
        }

        var message = buffer[..(int)totalLength];
        var messageCrc = BinaryPrimitives.ReadUInt32BigEndian(message[^4..]);
        if (Crc32.HashToUInt32(message[..^4]) != messageCrc)
        {
            return EventStreamDecodeResult.Invalid("Message checksum mismatch");
        }

        var headerBytes = message.Slice(EventStreamEncoder.PreludeLength, (int)headersLength);
        var headers = new List<EventStreamHeader>();
        var error = ReadHeaders(headerBytes, headers);
        if (error is not null)
        {
            return EventStreamDecodeResult.Invalid(error);
        }

        var payload = message[(EventStreamEncoder.PreludeLength + (int)headersLength)..^4].ToArray();
        return new EventStreamDecodeResult(
            EventStreamDecodeStatus.Decoded,
            new EventStreamMessage(headers, payload),
            (int)totalLength,
            null);
    }

    /// <summary>Decodes every message of a complete buffer (for example a whole response body).</summary>
    public static IReadOnlyList<EventStreamMessage> DecodeAll(ReadOnlySpan<byte> buffer)
    {
        var messages = new List<EventStreamMessage>();
        while (!buffer.IsEmpty)
        {
            var result = Decode(buffer);
            switch (result.Status)
            {
                case EventStreamDecodeStatus.Decoded:
                    messages.Add(result.Message!);
                    buffer = buffer[result.BytesConsumed..];
                    break;
                case EventStreamDecodeStatus.NeedMoreData:
                    throw new InvalidDataException($"The event stream ends inside a message ({buffer.Length} bytes left over).");
                default:
                    throw new InvalidDataException(result.Error);
            }
        }

        return messages;
    }

    private static string? ReadHeaders(ReadOnlySpan<byte> bytes, List<EventStreamHeader> headers)
    {
        while (!bytes.IsEmpty)
        {
            int nameLength = bytes[0];
            if (nameLength == 0 || bytes.Length < 1 + nameLength + 1)
            {
                return "Header name is empty or runs past the headers section";
            }

            var name = Encoding.UTF8.GetString(bytes.Slice(1, nameLength));
            var type = (EventStreamHeaderType)bytes[1 + nameLength];
            bytes = bytes[(2 + nameLength)..];

            var (value, consumed, error) = ReadValue(type, bytes);
            if (error is not null)
            {
                return $"Header '{name}': {error}";
            }

            headers.Add(new EventStreamHeader(name, value!));
            bytes = bytes[consumed..];
        }

        return null;
    }

    private static (EventStreamHeaderValue? Value, int Consumed, string? Error) ReadValue(EventStreamHeaderType type, ReadOnlySpan<byte> bytes)
    {
        int fixedLength = type switch
        {
            EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => 0,
            EventStreamHeaderType.Byte => 1,
            EventStreamHeaderType.Int16 => 2,
            EventStreamHeaderType.Int32 => 4,
            EventStreamHeaderType.Int64 or EventStreamHeaderType.Timestamp => 8,
            EventStreamHeaderType.Uuid => 16,
            EventStreamHeaderType.ByteArray or EventStreamHeaderType.String => 2,
            _ => -1,
        };

        if (fixedLength < 0)
        {
            return (null, 0, $"unknown header type {(byte)type}");
        }

        if (bytes.Length < fixedLength)
        {
            return (null, 0, "value runs past the headers section");
        }

        switch (type)
        {
            case EventStreamHeaderType.BoolTrue:
                return (EventStreamHeaderValue.FromBool(true), 0, null);
            case EventStreamHeaderType.BoolFalse:
                return (EventStreamHeaderValue.FromBool(false), 0, null);
            case EventStreamHeaderType.Byte:
                return (EventStreamHeaderValue.FromByte(unchecked((sbyte)bytes[0])), 1, null);
            case EventStreamHeaderType.Int16:
                return (EventStreamHeaderValue.FromInt16(BinaryPrimitives.ReadInt16BigEndian(bytes)), 2, null);
            case EventStreamHeaderType.Int32:
                return (EventStreamHeaderValue.FromInt32(BinaryPrimitives.ReadInt32BigEndian(bytes)), 4, null);
            case EventStreamHeaderType.Int64:
                return (EventStreamHeaderValue.FromInt64(BinaryPrimitives.ReadInt64BigEndian(bytes)), 8, null);
            case EventStreamHeaderType.Timestamp:
                return (EventStreamHeaderValue.FromTimestamp(BinaryPrimitives.ReadInt64BigEndian(bytes)), 8, null);
            case EventStreamHeaderType.Uuid:
                return (EventStreamHeaderValue.FromUuid(bytes[..16].ToArray()), 16, null);
            default:
                int length = BinaryPrimitives.ReadUInt16BigEndian(bytes);
                if (bytes.Length < 2 + length)
                {
                    return (null, 0, "value runs past the headers section");
                }

                var raw = bytes.Slice(2, length).ToArray();
                var value = type == EventStreamHeaderType.String
                    ? EventStreamHeaderValue.FromUtf8(raw)
                    : EventStreamHeaderValue.FromBytes(raw);
                return (value, 2 + length, null);
        }
    }
}
