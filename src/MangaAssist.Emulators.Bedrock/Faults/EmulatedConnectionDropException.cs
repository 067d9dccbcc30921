namespace MangaAssist.Emulators.Bedrock.Faults;

/// <summary>
/// Thrown out of a started stream to break it. Kestrel then closes the connection without the final chunk,
/// after the bytes already flushed have gone out, so the client sees exactly N tokens and then a broken
/// response. HttpContext.Abort() would be a harder reset, but it also discards flushed bytes still queued in
/// the transport, so "after N tokens" would not hold. HTTP/1.1 only: over HTTP/2 the handler ends the stream without
/// its closing events instead (Kestrel would answer the exception with a RST_STREAM, which has the same problem).
/// </summary>
public sealed class EmulatedConnectionDropException : Exception
{
    public EmulatedConnectionDropException()
        : base("The emulator broke this stream on purpose (reset or stall fault).")
    {
    }

    public EmulatedConnectionDropException(string message)
        : base(message)
    {
    }

    public EmulatedConnectionDropException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
