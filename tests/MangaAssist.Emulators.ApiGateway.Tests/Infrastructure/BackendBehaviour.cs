namespace MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;

/// <summary>How the recording backend answers one path: status, body, and optionally a gate to wait on first.</summary>
internal sealed record BackendBehaviour(int Status = 200, string Body = "", Task? Gate = null);
