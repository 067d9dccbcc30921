namespace MangaAssist.Emulators.Bedrock.EventStream;

public enum EventStreamDecodeStatus
{
    /// <summary>A whole, valid message was read.</summary>
    Decoded,

    /// <summary>The buffer holds only the start of a message; read more bytes and try again.</summary>
    NeedMoreData,

    /// <summary>The bytes are not a valid message; the stream cannot be resynchronised.</summary>
    Invalid,
}
