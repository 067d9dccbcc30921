namespace MangaAssist.SharedState.Redis;

/// <summary>
/// Redis could not serve a call: the circuit is open, the call timed out or the connection is down.
/// Capabilities catch it and fall back; it only escapes where a fallback would break a promise (the frame log).
/// </summary>
public sealed class SharedStateUnavailableException : Exception
{
    public SharedStateUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public SharedStateUnavailableException()
    {
    }

    public SharedStateUnavailableException(string message)
        : base(message)
    {
    }
}
