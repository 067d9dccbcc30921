using System.Globalization;
using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.EndToEnd.Tests.Support.Fleet;
using MangaAssist.SharedState.Tests.Support;
using Shouldly;
using Xunit.Abstractions;

namespace MangaAssist.EndToEnd.Tests.Analyses;

/// <summary>
/// Idle workers leave Redis alone: two service processes with the shipped defaults and no jobs send the job queue
/// (XREADGROUP, XAUTOCLAIM) well under one command a second each; new jobs wake them through pub/sub. The chat
/// answers' orphan claimer (Continuity) runs the same commands on its own queue, in one script per pass at its own
/// interval (docs/takeover.md): it is switched off to count the job queue alone, and counted on its own.
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
        var perSecond = await IdleRatesAsync("--Continuity:Enabled=false");

        var queueCommands = perSecond.GetValueOrDefault("xreadgroup") + perSecond.GetValueOrDefault("xautoclaim");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"job queue, per idle service: {queueCommands / 2:0.00}/s"));
        (queueCommands / 2).ShouldBeLessThan(1);
    }

    /// <summary>
    /// The orphan claimer of the chat answers (shipped defaults): one script per pass (the seen-time read, XAUTOCLAIM and
    /// the attachments), one pass per <c>Continuity:ClaimInterval</c> (1 s), so about one command a second per idle
    /// process. It was an XAUTOCLAIM and an XREADGROUP sent every 500 ms: 4.0/s (docs/takeover.md, "Idle cost").
    /// Counted with MONITOR, which tells a client's commands from those its scripts run.
    /// </summary>
    [Fact]
    public async Task TwoIdleServices_ClaimOrphansWithAboutOneCommandASecondEach()
    {
        await using var edge = await FleetEdge.StartAsync(_redis, services: 2);
        await Task.Delay(TimeSpan.FromSeconds(2));

        IReadOnlyList<string> all, withoutClaims;
        await using (var monitor = await RedisMonitor.StartAsync(_redis.Port))
        {
            await Task.Delay(Window);
            (all, withoutClaims) = (monitor.ClientCommands(), monitor.ClientCommandsExceptScriptsRunning("XAUTOCLAIM"));
        }

        var perService = 2 * Window.TotalSeconds;
        var claimPasses = (all.Count - withoutClaims.Count) / perService;
        var queueCommands = withoutClaims.Count(c => c is "XAUTOCLAIM" or "XREADGROUP") / perService;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per idle service: {claimPasses:0.00} claim passes/s (one script each), {queueCommands:0.00} other queue commands/s"));
        output.WriteLine(string.Join(", ", all.GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count() / perService:0.00}/s"))));
        claimPasses.ShouldBeInRange(0.5, 1.2);
        // Only the analysis workers' own polls are left (the claimer sends none of its commands on their own).
        queueCommands.ShouldBeLessThan(1);
    }

    /// <summary>Commands per second over <see cref="Window"/> from two idle service processes started with <paramref name="service"/>.</summary>
    private async Task<Dictionary<string, double>> IdleRatesAsync(params string[] service)
    {
        await using var edge = await FleetEdge.StartAsync(_redis, services: 2, service: service);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var before = await CommandStatsAsync(edge);
        await Task.Delay(Window);
        var after = await CommandStatsAsync(edge);

        var perSecond = after.ToDictionary(c => c.Key, c => (after[c.Key] - before.GetValueOrDefault(c.Key)) / Window.TotalSeconds);
        foreach (var (command, rate) in perSecond.Where(c => c.Value > 0).OrderByDescending(c => c.Value))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{command}: {rate:0.00}/s"));
        }

        return perSecond;
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
