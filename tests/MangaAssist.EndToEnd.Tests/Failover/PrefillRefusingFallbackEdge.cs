using MangaAssist.EndToEnd.Tests.Support;

namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>
/// A stack whose <c>sendMessage</c> route falls back to Claude Sonnet 4.6, which refuses assistant prefill: no
/// default route has such a fallback, so this one setting is the scenario itself.
/// </summary>
public sealed class PrefillRefusingFallbackEdge : IAsyncLifetime
{
    public const string Fallback = "anthropic.claude-sonnet-4-6";

    public EdgeStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Stack = await EdgeStack.StartAsync(service: [$"--Routes:SendMessage:FallbackModelIds={Fallback}"]);

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
