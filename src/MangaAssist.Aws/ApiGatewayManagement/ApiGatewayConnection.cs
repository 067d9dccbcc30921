namespace MangaAssist.Aws.ApiGatewayManagement;

/// <summary>GetConnection answer: when the client connected, when it was last active, and who it is.</summary>
/// <param name="ConnectedAt">When the WebSocket connection was opened.</param>
/// <param name="LastActiveAt">When the client last sent or received a message.</param>
/// <param name="SourceIp">The client's source IP address.</param>
/// <param name="UserAgent">The client's User-Agent.</param>
public sealed record ApiGatewayConnection(DateTimeOffset ConnectedAt, DateTimeOffset LastActiveAt, string? SourceIp, string? UserAgent);
