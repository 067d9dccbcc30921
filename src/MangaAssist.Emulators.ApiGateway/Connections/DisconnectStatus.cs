using System.Net.WebSockets;

namespace MangaAssist.Emulators.ApiGateway.Connections;

/// <summary>Close code and reason of a connection, as reported to <c>$disconnect</c> and sent in the close frame.</summary>
internal sealed record DisconnectStatus(int Code, string Reason)
{
    public static DisconnectStatus Idle { get; } = new((int)WebSocketCloseStatus.EndpointUnavailable, "Going away: idle timeout");

    public static DisconnectStatus LifetimeExceeded { get; } = new((int)WebSocketCloseStatus.EndpointUnavailable, "Going away: maximum connection duration");

    public static DisconnectStatus Deleted { get; } = new((int)WebSocketCloseStatus.NormalClosure, "Connection deleted");

    public static DisconnectStatus MessageTooBig { get; } = new((int)WebSocketCloseStatus.MessageTooBig, "Message too big");

    public static DisconnectStatus Shutdown { get; } = new((int)WebSocketCloseStatus.EndpointUnavailable, "Going away");

    public static DisconnectStatus Abnormal { get; } = new(1006, "Connection closed abnormally");

    /// <summary>1005: the client's close frame carried no status code.</summary>
    public static DisconnectStatus NoStatus { get; } = new(1005, "");

    /// <summary>Codes that may not appear in a close frame on the wire (RFC 6455 §7.4.1).</summary>
    public bool CanBeSent => Code is not (1005 or 1006 or 1015);
}
