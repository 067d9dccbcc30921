namespace MangaAssist.Orchestrator.Protocol;

/// <summary>Why a client message was refused. <paramref name="RequestId"/> is echoed when it was readable.</summary>
public sealed record ProtocolError(string Code, string Message, string? RequestId);
