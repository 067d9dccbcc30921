using System.Net;
using MangaAssist.Emulators.Bedrock.Tests.Support;

namespace MangaAssist.Emulators.Bedrock.Tests.Diagnostics;

/// <summary>Each test starts its own emulator so the counters start at zero.</summary>
public sealed class StatsAndTranscriptsTests
{
    [Fact]
    public async Task Stats_CountRequestsStreamsTokensAndFaults()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        await emulator.StreamAsync(ConverseBody.User("One [[tokens:3]]"));
        await emulator.StreamAsync(ConverseBody.User("Two [[tokens:4]]"));
        await emulator.StreamAsync(ConverseBody.User("Three [[tokens:10]] [[fault:stream-error:2]]"));
        (await emulator.ConverseStreamAsync(ConverseBody.User("Four [[fault:503]]"))).Dispose();
        (await emulator.ConverseAsync(ConverseBody.User("Five [[tokens:6]]"))).Dispose();
        (await emulator.InvokeAsync("""{"inputText":"six"}""")).Dispose();
        (await emulator.ConverseStreamAsync(ConverseBody.User("Seven"), "unknown.model")).Dispose();

        var stats = await emulator.StatsAsync();
        stats.GetProperty("requests").GetProperty("converseStream").GetInt64().ShouldBe(5);
        stats.GetProperty("requests").GetProperty("converse").GetInt64().ShouldBe(1);
        stats.GetProperty("requests").GetProperty("invokeModel").GetInt64().ShouldBe(1);
        stats.GetProperty("requestsRejected").GetInt64().ShouldBe(1);
        stats.GetProperty("streamsStarted").GetInt64().ShouldBe(3);
        stats.GetProperty("streamsCompleted").GetInt64().ShouldBe(2);
        stats.GetProperty("streamsFaulted").GetInt64().ShouldBe(1);
        stats.GetProperty("streamsAbortedByClient").GetInt64().ShouldBe(0);
        stats.GetProperty("activeStreams").GetInt64().ShouldBe(0);
        stats.GetProperty("tokensSent").GetInt64().ShouldBe(3 + 4 + 2);
        stats.GetProperty("faultsInjected").GetProperty("streamError").GetInt64().ShouldBe(1);
        stats.GetProperty("faultsInjected").GetProperty("http503").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Transcripts_After_FollowTheRingBySequence()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        for (var i = 1; i <= 5; i++)
        {
            await emulator.StreamAsync(ConverseBody.User($"Question {i} [[tokens:2]]"));
            await emulator.SingleTranscriptAsync($"Question {i} ");
        }

        var all = (await emulator.GetJsonAsync("/_emulator/transcripts?after=0")).GetProperty("transcripts").EnumerateArray().ToArray();
        var tail = (await emulator.GetJsonAsync("/_emulator/transcripts?after=3")).GetProperty("transcripts").EnumerateArray().ToArray();
        var limited = (await emulator.GetJsonAsync("/_emulator/transcripts?after=1&limit=2")).GetProperty("transcripts").EnumerateArray().ToArray();

        all.Select(t => t.GetProperty("sequence").GetInt64()).ShouldBe([1, 2, 3, 4, 5]);
        all[0].GetProperty("lastUserMessage").GetString().ShouldStartWith("Question 1");
        tail.Select(t => t.GetProperty("sequence").GetInt64()).ShouldBe([4, 5]);
        limited.Select(t => t.GetProperty("sequence").GetInt64()).ShouldBe([2, 3]);
        using var bad = await emulator.Client.GetAsync("/_emulator/transcripts?after=-1");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AClientThatLeavesMidStream_IsCountedAsAbortedByTheClient()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var leave = new CancellationTokenSource();

        using (var response = await emulator.ConverseStreamAsync(ConverseBody.User("Slow [[tokens:200]] [[tps:20]] #leaver"), cancellationToken: leave.Token))
        {
            await using var body = await response.Content.ReadAsStreamAsync(leave.Token);
            var buffer = new byte[64];
            (await body.ReadAsync(buffer, leave.Token)).ShouldBeGreaterThan(0);
            await leave.CancelAsync();
        }

        await Eventually.TrueAsync(
            async () => (await emulator.StatsAsync()).GetProperty("streamsAbortedByClient").GetInt64() == 1,
            "the emulator to notice the client left");
        var stats = await emulator.StatsAsync();
        stats.GetProperty("activeStreams").GetInt64().ShouldBe(0);
        stats.GetProperty("streamsCompleted").GetInt64().ShouldBe(0);
        var transcript = await emulator.SingleTranscriptAsync("#leaver");
        transcript.GetProperty("outcome").GetString().ShouldBe("clientAborted");
        transcript.GetProperty("tokensSent").GetInt32().ShouldBeLessThan(200);
    }

    [Fact]
    public async Task StatsReset_ZeroesTheCountersAndForgetsTranscripts()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.StreamAsync(ConverseBody.User("Before reset [[tokens:3]]"));

        using var reset = await emulator.PostJsonAsync("/_emulator/stats/reset", "{}");

        reset.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var stats = await emulator.StatsAsync();
        stats.GetProperty("requests").GetProperty("converseStream").GetInt64().ShouldBe(0);
        stats.GetProperty("tokensSent").GetInt64().ShouldBe(0);
        (await emulator.TranscriptsAsync("")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Transcripts_FilterOnTheLastUserMessage_AndRecordWhatWasPlannedAndSent()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.StreamAsync(ConverseBody.User("Alpha question [[tokens:8]]"));
        var broken = await emulator.StreamAsync(ConverseBody.User("Beta question [[tokens:8]] [[fault:stream-throttle:3]]"));

        var beta = (await emulator.TranscriptsAsync("Beta")).ShouldHaveSingleItem();

        beta.GetProperty("modelId").GetString().ShouldBe(RunningEmulator.SonnetProfile);
        beta.GetProperty("operation").GetString().ShouldBe("converseStream");
        beta.GetProperty("lastUserMessage").GetString().ShouldBe("Beta question [[tokens:8]] [[fault:stream-throttle:3]]");
        beta.GetProperty("outcome").GetString().ShouldBe("streamException");
        beta.GetProperty("fault").GetString().ShouldBe("streamThrottle");
        beta.GetProperty("sentText").GetString().ShouldBe(broken.Text);
        beta.GetProperty("text").GetString()!.ShouldStartWith(broken.Text);
        beta.GetProperty("text").GetString()!.Length.ShouldBeGreaterThan(broken.Text.Length);
        (await emulator.TranscriptsAsync("question")).Length.ShouldBe(2);
    }

    [Fact]
    public async Task Transcripts_KeepOnlyTheMostRecentAnswers()
    {
        await using var emulator = await RunningEmulator.StartAsync("TranscriptCapacity=3");
        for (var i = 1; i <= 5; i++)
        {
            await emulator.StreamAsync(ConverseBody.User($"Number {i} [[tokens:2]]"));
        }

        var kept = await emulator.TranscriptsAsync("Number");

        kept.Select(t => t.GetProperty("lastUserMessage").GetString()).ShouldBe(
            ["Number 3 [[tokens:2]]", "Number 4 [[tokens:2]]", "Number 5 [[tokens:2]]"]);
    }

    [Fact]
    public async Task AThousandConcurrentStreams_AllComplete()
    {
        await using var emulator = await RunningEmulator.StartAsync("TranscriptCapacity=16");
        const int streams = 1000;

        var results = await Task.WhenAll(Enumerable.Range(0, streams).Select(i =>
            emulator.StreamAsync(ConverseBody.User($"Concurrent {i} [[tokens:5]] [[ttft:200]] [[tps:50]]"))));

        results.ShouldAllBe(r => r.BrokenBy == null && r.Deltas.Count() == 5);
        var stats = await emulator.StatsAsync();
        stats.GetProperty("streamsCompleted").GetInt64().ShouldBe(streams);
        stats.GetProperty("tokensSent").GetInt64().ShouldBe(streams * 5);
        stats.GetProperty("activeStreams").GetInt64().ShouldBe(0);
    }
}
