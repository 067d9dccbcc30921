using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using MangaAssist.Tests.Shared;

namespace MangaAssist.Emulators.ApiGateway.Tests.SdkCompat;

/// <summary>Runs a script from tests/sdk-compat with node. Missing node or node_modules fail the test (CI installs them).</summary>
internal static class NodeScript
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static Task<string> RunAsync(string script, params string[] arguments) =>
        SdkCompatNode.RunAsync(RepositoryRoot.Path, script, Limit, arguments);
}
