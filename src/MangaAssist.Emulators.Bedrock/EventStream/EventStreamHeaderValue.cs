using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace MangaAssist.Emulators.Bedrock.EventStream;

/// <summary>
/// One typed header value. Integers (byte, int16, int32, int64, timestamp in epoch milliseconds) live in
/// <see cref="Integer"/>; byte arrays, strings (UTF-8) and UUIDs (16 raw bytes, wire order) live in <see cref="Bytes"/>.
/// </summary>
public sealed record EventStreamHeaderValue
{
    private EventStreamHeaderValue(EventStreamHeaderType type, long integer, byte[]? bytes)
    {
        Type = type;
        Integer = integer;
        Bytes = bytes ?? [];
    }

    public EventStreamHeaderType Type { get; }

    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Holds every integer-typed header value of the wire format.")]
    public long Integer { get; }

    public byte[] Bytes { get; }

    public bool AsBool => Type == EventStreamHeaderType.BoolTrue;

    public string AsString => Encoding.UTF8.GetString(Bytes);

    public static EventStreamHeaderValue FromBool(bool value) =>
        new(value ? EventStreamHeaderType.BoolTrue : EventStreamHeaderType.BoolFalse, 0, null);

    public static EventStreamHeaderValue FromByte(sbyte value) => new(EventStreamHeaderType.Byte, value, null);

    public static EventStreamHeaderValue FromInt16(short value) => new(EventStreamHeaderType.Int16, value, null);

    public static EventStreamHeaderValue FromInt32(int value) => new(EventStreamHeaderType.Int32, value, null);

    public static EventStreamHeaderValue FromInt64(long value) => new(EventStreamHeaderType.Int64, value, null);

    public static EventStreamHeaderValue FromTimestamp(long epochMilliseconds) =>
        new(EventStreamHeaderType.Timestamp, epochMilliseconds, null);

    public static EventStreamHeaderValue FromBytes(byte[] value) => new(EventStreamHeaderType.ByteArray, 0, CheckLength(value));

    public static EventStreamHeaderValue FromString(string value) =>
        new(EventStreamHeaderType.String, 0, CheckLength(Encoding.UTF8.GetBytes(value)));

    /// <summary>A string header from bytes already in UTF-8, kept byte for byte.</summary>
    public static EventStreamHeaderValue FromUtf8(byte[] utf8) => new(EventStreamHeaderType.String, 0, CheckLength(utf8));

    public static EventStreamHeaderValue FromUuid(byte[] sixteenBytes)
    {
        if (sixteenBytes.Length != 16)
        {
            throw new ArgumentException("A UUID header value is exactly 16 bytes.", nameof(sixteenBytes));
        }

        return new(EventStreamHeaderType.Uuid, 0, sixteenBytes);
    }

    /// <summary>Number of bytes the value occupies on the wire after the type byte.</summary>
    internal int WireLength => Type switch
    {
        EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => 0,
        EventStreamHeaderType.Byte => 1,
        EventStreamHeaderType.Int16 => 2,
        EventStreamHeaderType.Int32 => 4,
        EventStreamHeaderType.Int64 or EventStreamHeaderType.Timestamp => 8,
        EventStreamHeaderType.ByteArray or EventStreamHeaderType.String => 2 + Bytes.Length,
        EventStreamHeaderType.Uuid => 16,
        _ => throw new InvalidOperationException($"Unknown header type {Type}."),
    };

    public bool Equals(EventStreamHeaderValue? other) =>
        other is not null && Type == other.Type && Integer == other.Integer && Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override int GetHashCode() => HashCode.Combine(Type, Integer, Bytes.Length);

    private static byte[] CheckLength(byte[] value) =>
        value.Length <= short.MaxValue
            ? value
            : throw new ArgumentException("Header values are at most 32,767 bytes.", nameof(value));
}
