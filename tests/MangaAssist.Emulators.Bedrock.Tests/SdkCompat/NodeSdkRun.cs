using System.Text.Json;
using MangaAssist.Emulators.Bedrock.Tests.Support;
using MangaAssist.Tests.Shared;

namespace MangaAssist.Emulators.Bedrock.Tests.SdkCompat;

/// <summary>
/// Starts the emulator with its default protocols (HTTP/1.1 and prior-knowledge HTTP/2 on one cleartext port, as
/// the run command serves it; the JS SDK's Bedrock Runtime client speaks HTTP/2 by default) and runs
/// <c>node tests/sdk-compat/bedrock.mjs &lt;endpoint&gt; all</c> once; the tests read its JSON.
/// Missing node or node_modules is a failure, not a skip: CI installs them.
/// </summary>
public sealed class NodeSdkRun : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public JsonElement Results { get; private set; }

    public async Task InitializeAsync()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        Results = JsonDocument.Parse(await RunNodeAsync(emulator.BaseAddress.ToString().TrimEnd('/'), "all")).RootElement.Clone();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public JsonElement Scenario(string name) =>
        Results.TryGetProperty(name, out var result) ? result : throw new InvalidOperationException($"bedrock.mjs printed no result for '{name}'.");

    internal static Task<string> RunNodeAsync(string endpoint, string scenario) =>
        SdkCompatNode.RunAsync(RepositoryRoot.Find(), "bedrock.mjs", Limit, endpoint, scenario);
}
