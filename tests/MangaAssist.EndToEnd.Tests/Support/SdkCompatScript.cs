using System.Text.Json;
using MangaAssist.Tests.Shared;

namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>Runs a script of tests/sdk-compat (the official AWS SDK for JavaScript v3 clients) and parses its one JSON line.</summary>
internal static class SdkCompatScript
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> RunAsync(string repositoryRoot, string script, params string[] arguments) =>
        JsonDocument.Parse(await SdkCompatNode.RunAsync(repositoryRoot, script, Limit, arguments)).RootElement.Clone();
}
