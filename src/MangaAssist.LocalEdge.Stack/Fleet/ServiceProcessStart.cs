namespace MangaAssist.LocalEdge.Stack.Fleet;

/// <summary>What a <see cref="ServiceProcess"/> runs: the built service with a command line (a <see cref="LoopbackInstancePlan.ServiceArgs"/>).</summary>
/// <param name="Name">A name for messages and logs, e.g. <c>service-1</c>.</param>
/// <param name="ServiceUrl">The address the command line's <c>--urls</c> gives it; readiness is asked there.</param>
/// <param name="Args">The service's command line.</param>
public sealed record ServiceProcessStart(string Name, Uri ServiceUrl, IReadOnlyList<string> Args)
{
    /// <summary>Extra environment variables of the process (e.g. <c>ASPNETCORE_ENVIRONMENT</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How long the service may take to answer <c>/health/ready</c> with 200 (its catalog index built).</summary>
    public TimeSpan ReadinessPatience { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many of its last output lines are kept for failure messages.</summary>
    public int OutputLines { get; init; } = 500;

    /// <summary>The service's build to run; by default the one in this process's output folder.</summary>
    public string? ServiceAssembly { get; init; }

    /// <summary>The service's own plan: the instance's address and command line.</summary>
    public static ServiceProcessStart For(string name, LoopbackInstancePlan instance) => new(name, instance.ServiceUrl, instance.ServiceArgs);
}
