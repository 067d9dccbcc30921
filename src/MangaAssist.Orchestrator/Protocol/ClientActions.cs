namespace MangaAssist.Orchestrator.Protocol;

/// <summary>Values of the <c>action</c> field, which API Gateway uses for route selection.</summary>
public static class ClientActions
{
    public const string SendMessage = "sendMessage";
    public const string Analyze = "analyze";
    public const string Cancel = "cancel";
    public const string Resume = "resume";
}
