namespace MangaAssist.Emulators.ApiGateway.Kernel;

/// <summary>What the gateway knows about a client connection from its upgrade request.</summary>
internal sealed record ConnectionDetails(string ConnectionId, DateTimeOffset ConnectedAt, string SourceIp, string UserAgent);
