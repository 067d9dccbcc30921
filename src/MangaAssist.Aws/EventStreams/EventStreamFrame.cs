using System.Buffers.Binary;

namespace MangaAssist.Aws.EventStreams;

/// <summary>
/// One decoded <c>application/vnd.amazon.eventstream</c> message, viewed in place in the reader's buffer.
/// Valid until the reader moves on.
/// </summary>
internal readonly struct EventStreamFrame
{
    private readonly byte[] _buffer;
    private readonly int _headersOffset;
    private readonly int _headersLength;
    private readonly int _payloadOffset;
    private readonly int _payloadLength;

    internal EventStreamFrame(byte[] buffer, int headersOffset, int headersLength, int payloadOffset, int payloadLength)
    {
        _buffer = buffer;
        _headersOffset = headersOffset;
        _headersLength = headersLength;
        _payloadOffset = payloadOffset;
        _payloadLength = payloadLength;
    }

    public ReadOnlySpan<byte> Headers => _buffer.AsSpan(_headersOffset, _headersLength);

    public ReadOnlySpan<byte> Payload => _buffer.AsSpan(_payloadOffset, _payloadLength);

    /// <summary>Finds a string-typed header (type 7) by name and returns its UTF-8 value without copying.</summary>
    public bool TryGetStringHeader(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        var headers = Headers;
        while (!headers.IsEmpty)
        {
            int nameLength = headers[0];
            var headerName = headers.Slice(1, nameLength);
            var type = headers[1 + nameLength];
            var rest = headers[(2 + nameLength)..];
            var valueLength = ValueLength(type, rest);
            if (type == 7 && headerName.SequenceEqual(name))
            {
                value = rest.Slice(2, valueLength - 2);
                return true;
            }

            headers = rest[valueLength..];
        }

        value = default;
        return false;
    }

    /// <summary>Wire size of a header value of <paramref name="type"/>, including any length prefix.</summary>
    internal static int ValueLength(byte type, ReadOnlySpan<byte> value) => type switch
    {
        0 or 1 => 0,
        2 => 1,
        3 => 2,
        4 => 4,
        5 or 8 => 8,
        6 or 7 => 2 + BinaryPrimitives.ReadUInt16BigEndian(value),
        9 => 16,
        _ => throw new InvalidDataException($"Event-stream header type {type} is unknown."),
    };
}
