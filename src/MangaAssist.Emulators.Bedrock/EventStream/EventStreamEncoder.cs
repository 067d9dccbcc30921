using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace MangaAssist.Emulators.Bedrock.EventStream;

/// <summary>
/// Writes <c>application/vnd.amazon.eventstream</c> messages:
/// total length (4) · headers length (4) · prelude CRC (4) · headers · payload · message CRC (4), big-endian.
/// </summary>
public static class EventStreamEncoder
{
    public const int PreludeLength = 12;
    public const int MinimumMessageLength = PreludeLength + 4;

    public static byte[] Encode(EventStreamMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, EncodeHeaders(message.Headers), message.Payload.Span);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes headers once so a hot path can reuse them for every message of the same kind.</summary>
    public static byte[] EncodeHeaders(IReadOnlyList<EventStreamHeader> headers)
    {
        var length = 0;
        foreach (var header in headers)
        {
            length += 1 + NameByteCount(header.Name) + 1 + header.Value.WireLength;
        }

        var bytes = new byte[length];
        var offset = 0;
        foreach (var header in headers)
        {
            offset += WriteHeader(bytes.AsSpan(offset), header);
        }

        return bytes;
    }

    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> encodedHeaders, ReadOnlySpan<byte> payload)
    {
        var total = MinimumMessageLength + encodedHeaders.Length + payload.Length;
        var span = output.GetSpan(total)[..total];

        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], (uint)encodedHeaders.Length);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], Crc32.HashToUInt32(span[..8]));
        encodedHeaders.CopyTo(span[PreludeLength..]);
        payload.CopyTo(span[(PreludeLength + encodedHeaders.Length)..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[(total - 4)..], Crc32.HashToUInt32(span[..(total - 4)]));

        output.Advance(total);
    }

    private static int NameByteCount(string name)
    {
        var count = Encoding.UTF8.GetByteCount(name);
        return count is > 0 and <= byte.MaxValue
            ? count
            : throw new ArgumentException($"Header name '{name}' must be 1 to 255 UTF-8 bytes.", nameof(name));
    }

    private static int WriteHeader(Span<byte> span, EventStreamHeader header)
    {
        var nameLength = Encoding.UTF8.GetBytes(header.Name, span[1..]);
        span[0] = (byte)nameLength;
        var position = 1 + nameLength;
        var value = header.Value;
        span[position++] = (byte)value.Type;
        var body = span[position..];

        switch (value.Type)
        {
            case EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse:
                break;
            case EventStreamHeaderType.Byte:
                body[0] = unchecked((byte)(sbyte)value.Integer);
                break;
            case EventStreamHeaderType.Int16:
                BinaryPrimitives.WriteInt16BigEndian(body, (short)value.Integer);
                break;
            case EventStreamHeaderType.Int32:
                BinaryPrimitives.WriteInt32BigEndian(body, (int)value.Integer);
                break;
            case EventStreamHeaderType.Int64 or EventStreamHeaderType.Timestamp:
                BinaryPrimitives.WriteInt64BigEndian(body, value.Integer);
                break;
            case EventStreamHeaderType.ByteArray or EventStreamHeaderType.String:
                BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)value.Bytes.Length);
                value.Bytes.CopyTo(body[2..]);
                break;
            case EventStreamHeaderType.Uuid:
                value.Bytes.CopyTo(body);
                break;
        }

        return position + value.WireLength;
    }
}
