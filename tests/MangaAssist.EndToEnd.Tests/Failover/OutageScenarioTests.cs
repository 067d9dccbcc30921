using System.Diagnostics;
using MangaAssist.EndToEnd.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit.Abstractions;

namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>Bedrock unavailable for a minute costs at most 1.5× the requests, with the default configuration.</summary>
public sealed class OutageScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public async Task BedrockUnavailableForAMinute_CostsAtMostOneAndAHalfTimesTheRequests()
    {
        // The service's minute passes in 15 s (its backoffs, budget window and circuit breaks alike); the emulator
        // simply answers 503 to every call meanwhile. Ten shoppers ask, each waiting a service-second between answers.
        var clock = new AcceleratedTimeProvider(factor: 4);
        await using var stack = await EdgeStack.StartAsync(configureService: builder => builder.Services.AddSingleton<TimeProvider>(clock));
        await stack.SetBedrockFaultsAsync(new { http503 = 1.0 });
        var outage = Stopwatch.StartNew();
        var minute = clock.Scale(TimeSpan.FromMinutes(1));
        var codes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        var asked = await Task.WhenAll(Enumerable.Range(0, 10).Select(async shopper =>
        {
            await using var socket = await stack.ConnectAsync($"outage-shopper-{shopper}");
            var count = 0;
            while (outage.Elapsed < minute)
            {
                var id = $"down-{shopper}-{count++}";
                await socket.AskAsync(id, $"Anything in stock? {id}");
                var answer = (await socket.ReadAnswerAsync(id, ScenarioRunner.HangAfter)).ShouldKeepTheProtocolPromises();
                answer.Terminal.Type.ShouldBe("error", answer.Terminal.Raw);
                codes.AddOrUpdate(answer.Terminal.Code ?? "", 1, (_, n) => n + 1);
                await Task.Delay(clock.Scale(TimeSpan.FromSeconds(1)));
            }

            return count;
        }));

        var chats = asked.Sum();
        var calls = (await stack.BedrockStatsAsync()).Requests["converseStream"];
        var ratio = (double)calls / chats;
        ScenarioRecord.Write(output, new ScenarioOutcome(
            "Bedrock unavailable for a minute",
            ratio <= 1.5 ? ScenarioVerdict.Safe : ScenarioVerdict.Fail,
            outage.Elapsed,
            $"{chats} chats, {calls} Bedrock calls ({ratio:F2}×); errors {string.Join(", ", codes.Select(c => $"{c.Key}={c.Value}"))}"));

        chats.ShouldBeGreaterThan(50);
        ratio.ShouldBeLessThanOrEqualTo(1.5);
    }
}
