namespace MangaAssist.Emulators.TokenIssuer.Tests.Infrastructure;

/// <summary>Upper bounds on waits so a broken issuer fails a test instead of hanging it. Not timing assertions.</summary>
internal static class Guard
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public static CancellationToken Token() => new CancellationTokenSource(Wait).Token;
}
