namespace MangaAssist.Emulators.ApiGateway.Integration;

/// <summary>Values of <c>context.eventType</c>.</summary>
internal static class EventType
{
    public const string Connect = "CONNECT";
    public const string Message = "MESSAGE";
    public const string Disconnect = "DISCONNECT";
}
