using System.Globalization;
using MangaAssist.EndToEnd.Tests.Support.Fleet;
using MangaAssist.SharedState.Tests.Support;
using Shouldly;
using Xunit.Abstractions;

namespace MangaAssist.EndToEnd.Tests.Analyses;

/// <summary>
/// Idle analysis workers leave Redis alone: two service processes with the shipped defaults and no jobs send
/// the job queue (XREADGROUP, XAUTOCLAIM) well under one command a second each; new jobs wake them through pub/sub.
/// The chat answers' orphan claimer (Continuity) uses the same commands on its own queue at its own interval
/// (docs/takeover.md), so it is switched off here to count the job queue alone.
/// </summary>
public sealed class IdleWorkerCommandsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task TwoIdleServices_SendTheJobQueueUnderOneCommandASecondEach()
    {
        await using var edge = await FleetEdge.StartAsync(_redis, services: 2, service: ["--Continuity:Enabled=false"]);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var before = await CommandStatsAsync(edge);
        await Task.Delay(Window);
        var after = await CommandStatsAsync(edge);

        var perSecond = after.ToDictionary(c => c.Key, c => (after[c.Key] - before.GetValueOrDefault(c.Key)) / Window.TotalSeconds);
        foreach (var (command, rate) in perSecond.Where(c => c.Value > 0).OrderByDescending(c => c.Value))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{command}: {rate:0.00}/s"));
        }

        var queueCommands = perSecond.GetValueOrDefault("xreadgroup") + perSecond.GetValueOrDefault("xautoclaim");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"job queue, per idle service: {queueCommands / 2:0.00}/s"));
        (queueCommands / 2).ShouldBeLessThan(1);
    }

    /// <summary>Calls per command since the server started (<c>INFO commandstats</c>).</summary>
    private static async Task<Dictionary<string, long>> CommandStatsAsync(FleetEdge edge)
    {
        var server = edge.Redis.GetServer(edge.Redis.GetEndPoints()[0]);
        var stats = (await server.InfoAsync("commandstats")).SelectMany(group => group);
        return stats.ToDictionary(
            s => s.Key.Replace("cmdstat_", "", StringComparison.Ordinal),
            s => long.Parse(s.Value.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture));
    }
}
