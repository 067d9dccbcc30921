using System.Text.Json;
using MangaAssist.Emulators.OpenSearch.Tests.Support;
using MangaAssist.Tests.Shared;

namespace MangaAssist.Emulators.OpenSearch.Tests.SdkCompat;

/// <summary>
/// Starts the stand-in and runs <c>node tests/sdk-compat/opensearch.mjs &lt;endpoint&gt;</c> (the official
/// <c>@opensearch-project/opensearch</c> 3.x client) once; the tests read its JSON. Missing node or node_modules is a
/// failure, not a skip: CI installs them.
/// </summary>
public sealed class OfficialClientRun : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    public JsonElement Results { get; private set; }

    public async Task InitializeAsync()
    {
        await using var standIn = await RunningStandIn.StartAsync();
        var output = await SdkCompatNode.RunAsync(FindRepository(), "opensearch.mjs", Limit, standIn.BaseAddress.ToString().TrimEnd('/'));
        Results = JsonDocument.Parse(output).RootElement.Clone();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public JsonElement Scenario(string name) =>
        Results.TryGetProperty(name, out var result) ? result : throw new InvalidOperationException($"opensearch.mjs printed no result for '{name}'.");

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "tests", "sdk-compat", "opensearch.mjs")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No tests/sdk-compat/opensearch.mjs above {AppContext.BaseDirectory}.");
    }
}
