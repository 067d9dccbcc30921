namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>A stack whose service makes one Bedrock call per answer: no retry, continuation or fallback.</summary>
public sealed class NoRetryEdge : IAsyncLifetime
{
    public EdgeStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await EdgeStack.StartAsync(service: ["--Resilience:MaxAttempts=1"]);

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
