namespace MangaAssist.LocalEdge.Stack.Fleet;

/// <summary>
/// Runtime settings a service process takes from its environment, because the runtime reads them only from
/// <c>DOTNET_</c> variables, never from runtimeconfig.json. The Dockerfile's ENV lines and the app host set the same
/// values; local launchers (the fleet, the load tool) apply them here unless the caller's environment already has one.
/// </summary>
public static class ServiceRuntimeEnvironment
{
    /// <summary>
    /// The tiering delay: the JIT recompiles hot code (and Tiered PGO's instrumented tier) only after this many
    /// milliseconds without new first-tier compilations. At the runtime's 100 ms a task started into a burst spent
    /// about a core-second recompiling ~1,000 hot ReadyToRun methods while its first answers queued behind it; with
    /// 2 s that work waits for the burst to settle (loadtest/README.md, "First burst").
    /// </summary>
    public const string CallCountingDelayVariable = "DOTNET_TC_CallCountingDelayMs";

    /// <summary>The value of <see cref="CallCountingDelayVariable"/>, in milliseconds.</summary>
    public const string CallCountingDelayMs = "2000";

    /// <summary>Every variable and its value.</summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>
    {
        [CallCountingDelayVariable] = CallCountingDelayMs,
    };

    /// <summary>Adds each variable the environment does not already set (an operator's own value wins).</summary>
    public static void ApplyTo(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var (name, value) in Variables)
        {
            if (!environment.TryGetValue(name, out var existing) || string.IsNullOrEmpty(existing))
            {
                environment[name] = value;
            }
        }
    }
}
