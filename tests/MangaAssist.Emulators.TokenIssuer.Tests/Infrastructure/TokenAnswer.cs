namespace MangaAssist.Emulators.TokenIssuer.Tests.Infrastructure;

internal sealed record TokenAnswer(string Token, DateTimeOffset ExpiresAt, string Sub);
