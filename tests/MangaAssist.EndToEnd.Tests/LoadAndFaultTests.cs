using System.Diagnostics;
using MangaAssist.EndToEnd.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>The promises hold under load and faults on both sides of the service.</summary>
public sealed class LoadAndFaultTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task TwoHundredChats_Under503sResetsAndThrottledPosts_EachEndOnceAndEveryDoneIsWhole()
    {
        await using var stack = await EdgeStack.StartAsync(bedrock: ["--BedrockEmulator:TranscriptCapacity=5000"]);
        await stack.SetBedrockFaultsAsync(new { http503 = 0.3, reset = 0.1, faultAfterTokensMin = 1, faultAfterTokensMax = 30, seed = 7 });
        await stack.SetGatewayFaultsAsync(new { postToConnection429 = 0.05, seed = 11 });
        var sockets = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => stack.ConnectAsync($"shopper-{i}")));
        try
        {
            await Task.WhenAll(sockets.Select((s, i) => s.AskAsync($"load-{i}", $"Question {i} [[tokens:40]] tag-load-{i}-end")));
            var answers = await Task.WhenAll(sockets.Select((s, i) => s.ReadAnswerAsync($"load-{i}", TimeSpan.FromSeconds(90))));

            var done = 0;
            for (var i = 0; i < answers.Length; i++)
            {
                answers[i].ShouldKeepTheProtocolPromises();
                // The last call made for this answer is the one that completed it (or the last that failed).
                var calls = await stack.TranscriptsAsync($"tag-load-{i}-end");
                var last = calls.MaxBy(t => t.Sequence)!;
                if (answers[i].Terminal.Type == "done")
                {
                    done++;
                    last.Outcome.ShouldBe("completed");
                    answers[i].Text.ShouldBe(last.Text, $"load-{i}");
                }
                else
                {
                    // The text delivered is exactly a beginning of the answer of the last call that produced text.
                    answers[i].Terminal.Retryable.ShouldBe(true, answers[i].Terminal.Raw);
                    var lastWithText = calls.Where(t => t.TokensSent > 0).MaxBy(t => t.Sequence);
                    (lastWithText?.Text ?? "").ShouldStartWith(answers[i].Text);
                }
            }

            // About 37 % of calls fail; a call needs 1.6 tries on average. The default budget allows half a
            // retry per answer (plus 2/s) and a reserve that is full at start (docs/failover.md): a burst's
            // answers complete, and no call is made that a fault did not ask for.
            var failures = string.Join(", ", answers.Where(a => a.Terminal.Type == "error").GroupBy(a => a.Terminal.Code).Select(g => $"{g.Key}: {g.Count()}"));
            done.ShouldBeGreaterThanOrEqualTo(160, failures);
            var stats = await stack.BedrockStatsAsync();
            output.WriteLine($"200 chats: {done} done, {failures}; {stats.Requests["converseStream"]} Bedrock calls, {stats.FaultsInjected.Values.Sum()} faults injected");
            stats.FaultsInjected.Values.Sum().ShouldBeGreaterThan(50);
            stats.Requests["converseStream"].ShouldBeLessThanOrEqualTo(200 + stats.FaultsInjected.Values.Sum());
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task BedrockDownForAMinute_StaysWithinTheRetryBudgetFailsFastAndRecoversByItself()
    {
        // A minute of the service's time passes in three seconds.
        var clock = new AcceleratedTimeProvider(factor: 20);
        await using var stack = await EdgeStack.StartAsync(
            service:
            [
                "--Resilience:RetryBudgetRatio=0.1", "--Resilience:RetryBudgetMinimumPerSecond=0",
                "--Resilience:CircuitBreakDuration=00:00:15", "--Resilience:CircuitMinimumThroughput=10",
            ],
            configureService: builder => builder.Services.AddSingleton<TimeProvider>(clock));
        await stack.SetBedrockFaultsAsync(new { http503 = 1.0 });
        await using var socket = await stack.ConnectAsync();

        var outage = Stopwatch.StartNew();
        var asked = 0;
        var failedFast = 0;
        while (outage.Elapsed < clock.Scale(TimeSpan.FromMinutes(1)))
        {
            var id = $"down-{asked++}";
            var before = (await stack.BedrockStatsAsync()).Requests["converseStream"];
            await socket.AskAsync(id, $"Anything in stock? {id}");
            var answer = (await socket.ReadAnswerAsync(id)).ShouldKeepTheProtocolPromises();

            answer.Terminal.Code.ShouldBe("model_unavailable");
            answer.Terminal.Retryable.ShouldBe(true);
            answer.Terminal.Json.GetProperty("retryAfterMs").GetInt32().ShouldBeGreaterThan(0);
            if ((await stack.BedrockStatsAsync()).Requests["converseStream"] == before)
            {
                failedFast++;
            }
        }

        var upstreamCalls = (await stack.BedrockStatsAsync()).Requests["converseStream"];
        output.WriteLine($"outage: {asked} requests, {failedFast} failed fast without calling Bedrock, {upstreamCalls} Bedrock calls");
        asked.ShouldBeGreaterThan(10);
        failedFast.ShouldBeGreaterThan(0);
        // At most one call per request, plus the budget's one retry per ten requests, plus a trial
        // call per model each time its circuit half-opens (at most four 15 s breaks in a minute).
        upstreamCalls.ShouldBeLessThanOrEqualTo(asked + (asked / 10) + 1 + (2 * 4));

        await stack.ClearBedrockFaultsAsync();
        await Task.Delay(clock.Scale(TimeSpan.FromSeconds(16)));
        await socket.AskAsync("back-1", "Are you back?");
        (await socket.ReadAnswerAsync("back-1")).ShouldKeepTheProtocolPromises().Terminal.Type.ShouldBe("done");
    }

    [Fact]
    public async Task BurstBeyondCapacity_GetsBusyFramesFirstWhileTheAdmittedAnswersComplete()
    {
        await using var stack = await EdgeStack.StartAsync(service:
            ["--Capacity:MaxConcurrentStreams=4", "--Capacity:MaxQueuedRequests=4", "--Capacity:MaxQueueWait=00:00:20"]);
        var sockets = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => stack.ConnectAsync($"shopper-{i}")));
        try
        {
            await Task.WhenAll(sockets.Select((s, i) => s.AskAsync($"burst-{i}", $"Slow one {i} [[tokens:30]] [[tps:60]]")));
            var answers = await Task.WhenAll(sockets.Select((s, i) => s.ReadAnswerAsync($"burst-{i}")));

            var busy = answers.Where(a => a.Terminal.Code == "busy").ToList();
            var completed = answers.Where(a => a.Terminal.Type == "done").ToList();
            busy.Count.ShouldBe(22);
            completed.Count.ShouldBe(8);
            foreach (var refused in busy)
            {
                refused.ShouldKeepTheProtocolPromises().Frames.ShouldHaveSingleItem();
                refused.Terminal.Retryable.ShouldBe(true);
                refused.Terminal.Json.GetProperty("retryAfterMs").GetInt32().ShouldBe(1000);
            }

            // Refusals do not wait for capacity: every busy frame arrived before the first answer finished.
            completed.ForEach(a => a.ShouldKeepTheProtocolPromises());
            busy.Max(a => a.Terminal.ReceivedAt).ShouldBeLessThan(completed.Min(a => a.Terminal.ReceivedAt));
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ClientLeavingMidAnswer_StopsTheUpstreamStreamWithinAboutAFlushInterval()
    {
        await using var stack = await EdgeStack.StartAsync(gateway:
        [
            "--ApiGatewayEmulator:Routes:$connect=/routes/connect",
            "--ApiGatewayEmulator:Routes:$disconnect=/routes/not-mapped",
            "--ApiGatewayEmulator:Routes:sendMessage=/routes/sendMessage",
            "--ApiGatewayEmulator:Routes:$default=/routes/default",
        ]);
        var socket = await stack.ConnectAsync();
        await socket.AskAsync("gone-fast", "A long essay [[tokens:3000]] [[tps:200]]");
        await socket.ReadFrameAsync("gone-fast");
        await socket.ReadFrameAsync("gone-fast");

        var left = Stopwatch.StartNew();
        socket.Abort();
        var stats = await stack.BedrockStatsWhenAsync(s => s.StreamsAbortedByClient == 1);
        var stoppedAfter = left.Elapsed;

        stats.StreamsAbortedByClient.ShouldBe(1);
        // The next flush (≤ 40 ms) gets 410 Gone and cancels the stream; allow for a loaded CI machine.
        stoppedAfter.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        await socket.DisposeAsync();
    }
}
