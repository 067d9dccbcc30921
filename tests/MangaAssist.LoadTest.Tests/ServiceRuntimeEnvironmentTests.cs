using MangaAssist.LocalEdge.Stack.Fleet;

namespace MangaAssist.LoadTest.Tests;

/// <summary>
/// The service's environment-only runtime settings are one set of values: what the image's ENV lines set and what
/// the local launchers apply to a ReadyToRun build (never to a JIT-only one).
/// </summary>
public sealed class ServiceRuntimeEnvironmentTests
{
    // The framework's own assemblies ship precompiled; this test assembly is IL only.
    private static readonly string ReadyToRunAssembly = typeof(object).Assembly.Location;
    private static readonly string IlAssembly = typeof(ServiceRuntimeEnvironmentTests).Assembly.Location;

    [Fact]
    public void IsReadyToRun_TellsAPrecompiledAssemblyFromAnIlOne()
    {
        ServiceRuntimeEnvironment.IsReadyToRun(ReadyToRunAssembly).ShouldBeTrue();
        ServiceRuntimeEnvironment.IsReadyToRun(IlAssembly).ShouldBeFalse();
    }

    [Fact]
    public void ApplyTo_AReadyToRunBuild_AddsTheTieringDelay_ButKeepsAnOperatorsOwnValue()
    {
        var fresh = new Dictionary<string, string?> { ["PATH"] = "/usr/bin" };
        ServiceRuntimeEnvironment.ApplyTo(fresh, ReadyToRunAssembly);
        fresh["DOTNET_TC_CallCountingDelayMs"].ShouldBe("500");
        fresh["PATH"].ShouldBe("/usr/bin");

        var overridden = new Dictionary<string, string?> { ["DOTNET_TC_CallCountingDelayMs"] = "100" };
        ServiceRuntimeEnvironment.ApplyTo(overridden, ReadyToRunAssembly);
        overridden["DOTNET_TC_CallCountingDelayMs"].ShouldBe("100");

        var blank = new Dictionary<string, string?> { ["DOTNET_TC_CallCountingDelayMs"] = "" };
        ServiceRuntimeEnvironment.ApplyTo(blank, ReadyToRunAssembly);
        blank["DOTNET_TC_CallCountingDelayMs"].ShouldBe("500");
    }

    [Fact]
    public void ApplyTo_AnIlBuild_LeavesTheEnvironmentAlone()
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = "/usr/bin" };
        ServiceRuntimeEnvironment.ApplyTo(environment, IlAssembly);
        environment.Keys.ShouldBe(["PATH"]);
    }

    [Fact]
    public void TheImage_SetsTheSameValues()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root(), "Dockerfile"));
        dockerfile.ShouldContain("PublishReadyToRun=true");
        foreach (var (name, value) in ServiceRuntimeEnvironment.Variables)
        {
            dockerfile.ShouldContain($"{name}={value}");
        }
    }

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Orchestrator.sln above {AppContext.BaseDirectory}.");
    }
}
