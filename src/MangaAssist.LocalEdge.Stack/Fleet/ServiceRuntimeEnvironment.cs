using System.Reflection.PortableExecutable;

namespace MangaAssist.LocalEdge.Stack.Fleet;

/// <summary>
/// Runtime settings the shipped image (ReadyToRun) gives the service through its environment, because the runtime
/// reads them only from <c>DOTNET_</c> variables, never from runtimeconfig.json. The Dockerfile's ENV lines set them;
/// local launchers (the fleet, the load tool) apply the same values when they start a ReadyToRun build of the
/// service, unless the caller's environment already sets one.
/// </summary>
public static class ServiceRuntimeEnvironment
{
    /// <summary>
    /// The tiering delay: the JIT recompiles hot code (and Tiered PGO's instrumented tier) only after this many
    /// milliseconds without new first-tier compilations. At the runtime's 100 ms a task started into a burst spent
    /// about a core-second recompiling ~1,000 hot ReadyToRun methods while its first answers queued behind it; at
    /// 500 ms that work waits until the burst settles. 2 s was too long: under steady load first-tier compilations
    /// never paused that long, so nothing was ever recompiled. Not for a JIT-only (IL) build, whose ~6,000 first-tier
    /// methods trickle in for minutes and would stay unoptimised (loadtest/README.md, "First burst").
    /// </summary>
    public const string CallCountingDelayVariable = "DOTNET_TC_CallCountingDelayMs";

    /// <summary>The value of <see cref="CallCountingDelayVariable"/>, in milliseconds.</summary>
    public const string CallCountingDelayMs = "500";

    /// <summary>Every variable and its value.</summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>
    {
        [CallCountingDelayVariable] = CallCountingDelayMs,
    };

    /// <summary>
    /// Adds each variable the environment does not already set (an operator's own value wins), when
    /// <paramref name="serviceAssembly"/> is a ReadyToRun build as the image ships it.
    /// </summary>
    public static void ApplyTo(IDictionary<string, string?> environment, string serviceAssembly)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!IsReadyToRun(serviceAssembly))
        {
            return;
        }

        foreach (var (name, value) in Variables)
        {
            if (!environment.TryGetValue(name, out var existing) || string.IsNullOrEmpty(existing))
            {
                environment[name] = value;
            }
        }
    }

    /// <summary>Whether the assembly carries precompiled code (a ReadyToRun header), not IL alone.</summary>
    public static bool IsReadyToRun(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
