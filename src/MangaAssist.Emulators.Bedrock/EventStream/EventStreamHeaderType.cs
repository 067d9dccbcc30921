using System.Diagnostics.CodeAnalysis;

namespace MangaAssist.Emulators.Bedrock.EventStream;

/// <summary>Header value type ids of the <c>application/vnd.amazon.eventstream</c> wire format.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name the wire format's value types.")]
public enum EventStreamHeaderType : byte
{
    BoolTrue = 0,
    BoolFalse = 1,
    Byte = 2,
    Int16 = 3,
    Int32 = 4,
    Int64 = 5,
    ByteArray = 6,
    String = 7,
    Timestamp = 8,
    Uuid = 9,
}
