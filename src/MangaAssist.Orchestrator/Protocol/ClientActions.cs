namespace MangaAssist.Orchestrator.Protocol;

/// <summary>Values of the <c>action</c> field, which API Gateway uses for route selection.</summary>
public static class ClientActions
{
    public const string SendMessage = "sendMessage";
    public const string Analyze = "analyze";
    public const string Cancel = "cancel";
    public const string Resume = "resume";

    /// <summary>Follows an analysis job (<c>requestId</c> = its job id) from another connection: frames after <c>afterSeq</c>, then the live tail.</summary>
    public const string Attach = "attach";

    /// <summary>Deletes everything the connection's principal owns (memory, frame logs); answered with a <c>forgotten</c> frame.</summary>
    public const string Forget = "forget";

    /// <summary>A keep-alive (API Gateway closes a socket idle for 10 minutes); answered with a <c>pong</c> frame, never refused.</summary>
    public const string Ping = "ping";
}
