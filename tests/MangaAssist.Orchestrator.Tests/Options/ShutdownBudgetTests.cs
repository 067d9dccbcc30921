using System.Text.Json;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Options;

public sealed class ShutdownBudgetTests
{
    /// <summary>
    /// Between ECS deciding to stop the task and the host seeing SIGTERM, and between the host's last
    /// hosted service and the process exit (disposal, log flush). Without it drain + flush equal to
    /// stopTimeout means SIGKILL lands while the last service_restarting frames are still going out.
    /// </summary>
    private static readonly TimeSpan SignalAndExitSlack = TimeSpan.FromSeconds(2);

    [Fact]
    public void TaskDefinition_StopTimeout_HoldsTheDrainTheFlushMarginAndTheSlack()
    {
        var (stopTimeout, drain) = ReadTaskDefinition();

        var needed = new ShutdownOptions { DrainTimeout = drain }.Budget + SignalAndExitSlack;

        needed.ShouldBeLessThanOrEqualTo(stopTimeout, $"Shutdown:DrainTimeout {drain} + flush margin {ShutdownOptions.FlushMargin} + slack {SignalAndExitSlack} must fit the task's stopTimeout {stopTimeout}.");
    }

    [Fact]
    public async Task HostShutdownTimeout_IsTheBudgetDerivedFromTheDrainTimeout()
    {
        var app = OrchestratorApp.Create(["--Shutdown:DrainTimeout=00:00:07"]);
        await using var _ = app;

        app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout.ShouldBe(TimeSpan.FromSeconds(7) + ShutdownOptions.FlushMargin);
    }

    private static (TimeSpan StopTimeout, TimeSpan Drain) ReadTaskDefinition()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FindTaskDefinition()));
        var container = document.RootElement.GetProperty("containerDefinitions")[0];
        var stopTimeout = TimeSpan.FromSeconds(container.GetProperty("stopTimeout").GetInt32());
        var drain = new ShutdownOptions().DrainTimeout;
        foreach (var variable in container.GetProperty("environment").EnumerateArray())
        {
            if (variable.GetProperty("name").GetString() == "Shutdown__DrainTimeout")
            {
                drain = TimeSpan.Parse(variable.GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return (stopTimeout, drain);
    }

    private static string FindTaskDefinition()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "container", "ecs", "task-definition.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("container/ecs/task-definition.json not found above " + AppContext.BaseDirectory);
    }
}
