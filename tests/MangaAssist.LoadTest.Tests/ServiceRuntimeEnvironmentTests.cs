using MangaAssist.LocalEdge.Stack.Fleet;

namespace MangaAssist.LoadTest.Tests;

/// <summary>
/// The service's environment-only runtime settings are one set of values: what the local launchers apply, what the
/// image's ENV lines and the app host set.
/// </summary>
public sealed class ServiceRuntimeEnvironmentTests
{
    [Fact]
    public void ApplyTo_AddsTheTieringDelay_ButKeepsAnOperatorsOwnValue()
    {
        var fresh = new Dictionary<string, string?> { ["PATH"] = "/usr/bin" };
        ServiceRuntimeEnvironment.ApplyTo(fresh);
        fresh["DOTNET_TC_CallCountingDelayMs"].ShouldBe("2000");
        fresh["PATH"].ShouldBe("/usr/bin");

        var overridden = new Dictionary<string, string?> { ["DOTNET_TC_CallCountingDelayMs"] = "100" };
        ServiceRuntimeEnvironment.ApplyTo(overridden);
        overridden["DOTNET_TC_CallCountingDelayMs"].ShouldBe("100");

        var blank = new Dictionary<string, string?> { ["DOTNET_TC_CallCountingDelayMs"] = "" };
        ServiceRuntimeEnvironment.ApplyTo(blank);
        blank["DOTNET_TC_CallCountingDelayMs"].ShouldBe("2000");
    }

    [Fact]
    public void TheImageAndTheAppHost_SetTheSameValues()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root(), "Dockerfile"));
        var appHost = File.ReadAllText(Path.Combine(Root(), "src", "MangaAssist.AppHost", "Program.cs"));
        foreach (var (name, value) in ServiceRuntimeEnvironment.Variables)
        {
            dockerfile.ShouldContain($"{name}={value}");
            appHost.ShouldContain($".WithEnvironment(\"{name}\", \"{value}\")");
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
