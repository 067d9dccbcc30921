namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>One stack with default settings shared by the tests of a class.</summary>
public sealed class SharedEdge : IAsyncLifetime
{
    public EdgeStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await EdgeStack.StartAsync();

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
