using System.Diagnostics;
using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.Orchestrator.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit.Abstractions;

namespace MangaAssist.EndToEnd.Tests.Analyses;

/// <summary>
/// An analysis burst runs at most <c>Analyses:MaxConcurrent</c> jobs per instance and queues the rest, so chats
/// keep their model streams. Time to first token is measured and written to the test output (no timing assertion:
/// the machine is shared); the assertion is the limit itself.
/// </summary>
public sealed class AnalysisBurstTests(ITestOutputHelper output)
{
    private const int Chats = 20;

    [Fact]
    public async Task AnalysisBurstAtTheLimit_RunsNoMoreThanTheLimitAndChatsStillAnswer()
    {
        await using var stack = await EdgeStack.StartAsync(service: ["--Analyses:MaxConcurrent=2"]);
        var running = stack.ServiceServices.GetRequiredService<RunningJobs>();
        await ChatFirstTokensAsync(stack, "warm-up");
        var before = await ChatFirstTokensAsync(stack, "before");

        var analysts = new AnalysesClient(stack.Http, stack.ServiceUrl, await stack.IssueTokenAsync("burst-analyst"));
        var ids = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => analysts.SubmitIdAsync($"burst-{i}", $"Deep comparison {i} [[tokens:400]] [[tps:80]]")));
        await analysts.PollAsync(ids[0], view => view.GetProperty("status").GetString() == "running");
        var most = 0;
        using var watch = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watch.IsCancellationRequested)
            {
                most = Math.Max(most, running.Count);
                await Task.Delay(5);
            }
        });
        var during = await ChatFirstTokensAsync(stack, "during");
        await watch.CancelAsync();
        await watcher;
        foreach (var id in ids)
        {
            await analysts.CancelAsync(id);
        }

        output.WriteLine($"chat TTFT before burst: p50 {P(before, 50):F1} ms, p90 {P(before, 90):F1} ms; during 12 analyses (limit 2): p50 {P(during, 50):F1} ms, p90 {P(during, 90):F1} ms; most analyses running at once: {most}");
        most.ShouldBe(2);
        during.Count.ShouldBe(Chats);
    }

    /// <summary>Each chat's time from send to its first delta, five at a time.</summary>
    private static async Task<List<double>> ChatFirstTokensAsync(EdgeStack stack, string round)
    {
        var times = new List<double>();
        await using var socket = await stack.ConnectAsync("burst-shopper");
        for (var i = 0; i < Chats; i += 5)
        {
            var batch = await Task.WhenAll(Enumerable.Range(i, 5).Select(async n =>
            {
                var requestId = $"{round}-{n}";
                var started = Stopwatch.GetTimestamp();
                await socket.AskAsync(requestId, $"Recommend a series {round} {n} [[tokens:20]]");
                Frame frame;
                do
                {
                    frame = await socket.ReadFrameAsync(requestId);
                }
                while (frame.Type == "start");
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                (await socket.ReadAnswerAsync(requestId)).Terminal.Type.ShouldBe("done");
                return elapsed;
            }));
            times.AddRange(batch);
        }

        return times;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}
