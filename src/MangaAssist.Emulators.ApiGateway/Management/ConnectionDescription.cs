namespace MangaAssist.Emulators.ApiGateway.Management;

/// <summary>The GetConnection answer, with AWS's PascalCase member names.</summary>
internal sealed record ConnectionDescription(string ConnectedAt, ConnectionIdentity Identity, string LastActiveAt);

internal sealed record ConnectionIdentity(string SourceIp, string UserAgent);
