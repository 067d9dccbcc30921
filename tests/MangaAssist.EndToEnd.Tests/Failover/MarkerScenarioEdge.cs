using MangaAssist.EndToEnd.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>
/// One stack with the default service configuration on which every scenario scripted by markers alone runs at
/// once (each with its own shopper and message, so they do not meet): the suite then takes as long as its
/// slowest scenario. The emulator's stall lasts 30 s, as the benchmark's does.
/// </summary>
public sealed class MarkerScenarioEdge : IAsyncLifetime
{
    private Dictionary<string, Task<ScenarioOutcome>> _running = [];

    public EdgeStack Stack { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stack = await EdgeStack.StartAsync(bedrock: ["--BedrockEmulator:MaxStallMs=30000"]);
        // One answer first, so the times measured are a warm service's, not its first request's.
        (await ScenarioRunner.RunAsync(Stack, "warm-up", "Hello [[tokens:5]] tag-warm-up", "tag-warm-up")).Verdict.ShouldBe(ScenarioVerdict.Pass);
        _running = MarkerScenarios.All(Stack).ToDictionary(s => s.Key, s => Task.Run(s.Value));
    }

    /// <summary>The outcome of scenario <paramref name="key"/>, once it is measured.</summary>
    public Task<ScenarioOutcome> OutcomeAsync(string key) => _running[key];

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_running.Values.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        await Stack.DisposeAsync();
    }
}
