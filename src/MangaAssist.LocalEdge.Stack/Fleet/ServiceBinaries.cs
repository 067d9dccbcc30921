namespace MangaAssist.LocalEdge.Stack.Fleet;

/// <summary>
/// Where the service's build is: every project that references this one (tests, the load tool) gets the
/// Orchestrator's dll, its runtimeconfig and deps next to its own, so the service runs from that output folder.
/// </summary>
public static class ServiceBinaries
{
    public const string ServiceAssemblyName = "MangaAssist.Orchestrator.dll";

    /// <summary>The service's dll in this process's output folder.</summary>
    /// <exception cref="FileNotFoundException">The folder has no service build (the caller does not reference the stack).</exception>
    public static string ServiceAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, ServiceAssemblyName);
        return File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json"))
            ? path
            : throw new FileNotFoundException($"{path} (with its runtimeconfig.json) is missing: run from a project that references MangaAssist.LocalEdge.Stack.", path);
    }

    /// <summary>The <c>dotnet</c> host: the one the SDK named for this run (DOTNET_HOST_PATH), else this process's, else from PATH.</summary>
    public static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } named && File.Exists(named))
        {
            return named;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
