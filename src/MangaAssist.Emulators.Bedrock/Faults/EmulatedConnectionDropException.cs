namespace MangaAssist.Emulators.Bedrock.Faults;

/// <summary>
/// Thrown out of a started stream to break it. Kestrel then closes the connection without the final chunk,
/// after the bytes already flushed have gone out, so the client sees exactly N tokens and then a broken
/// response. HttpContext.Abort() would be a harder reset, but it also discards flushed bytes still queued in
/// the transport, so "after N tokens" would not hold. Over HTTP/2 Kestrel answers it with a RST_STREAM, which makes the
/// client drop what it has not read yet: the handler waits <c>Http2ResetGrace</c> before throwing there.
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
