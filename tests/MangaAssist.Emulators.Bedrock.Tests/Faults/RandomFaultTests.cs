using System.Net;
using MangaAssist.Emulators.Bedrock.Tests.Support;

namespace MangaAssist.Emulators.Bedrock.Tests.Faults;

/// <summary>Each test starts its own emulator: the rates and counters are global to one emulator.</summary>
public sealed class RandomFaultTests
{
    [Fact]
    public async Task FaultRates_CanBeSetReadAndCleared()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        using var set = await emulator.PostJsonAsync("/_emulator/faults", """{"http503":0.3,"reset":0.1,"faultAfterTokensMin":2,"faultAfterTokensMax":9,"seed":42}""");
        set.StatusCode.ShouldBe(HttpStatusCode.OK);

        var rates = (await emulator.GetJsonAsync("/_emulator/faults")).GetProperty("rules").EnumerateArray().ShouldHaveSingleItem();
        rates.GetProperty("http503").GetDouble().ShouldBe(0.3);
        rates.GetProperty("reset").GetDouble().ShouldBe(0.1);
        rates.GetProperty("faultAfterTokensMax").GetInt32().ShouldBe(9);
        rates.GetProperty("seed").GetInt32().ShouldBe(42);

        using var cleared = await emulator.Client.DeleteAsync("/_emulator/faults");
        cleared.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await emulator.GetJsonAsync("/_emulator/faults")).GetProperty("rules").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task InvalidFaultRates_AreRejectedWithEveryProblemNamed()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync("/_emulator/faults", """{"http503":1.5,"http429":0.5,"faultAfterTokensMin":5,"faultAfterTokensMax":1}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;
        message.ShouldContain("http503 must be between 0 and 1");
        message.ShouldContain("add up to");
        message.ShouldContain("faultAfterTokensMax");
    }

    [Fact]
    public async Task A503RateOfOne_FaultsEveryChatRequest_AndIsCounted()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        (await emulator.PostJsonAsync("/_emulator/faults", """{"http503":1}""")).EnsureSuccessStatusCode();

        for (var i = 0; i < 3; i++)
        {
            using var response = await emulator.ConverseStreamAsync(ConverseBody.User($"Random {i}"));
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        (await emulator.StatsAsync()).GetProperty("faultsInjected").GetProperty("http503").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task SeededFaultRates_GiveTheSameSequenceOfOutcomesEachTime()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        const string rates = """{"http503":0.3,"http429":0.2,"streamError":0.2,"faultAfterTokensMin":1,"faultAfterTokensMax":3,"seed":7}""";

        async Task<string[]> RunAsync()
        {
            (await emulator.PostJsonAsync("/_emulator/faults", rates)).EnsureSuccessStatusCode();
            var outcomes = new List<string>();
            for (var i = 0; i < 25; i++)
            {
                using var response = await emulator.ConverseStreamAsync(ConverseBody.User("Seeded [[tokens:5]]"));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    outcomes.Add(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    continue;
                }

                var stream = await ReceivedStream.ReadAsync(response);
                outcomes.Add(stream.Events[^1].ExceptionType is { } exception ? $"{exception}@{stream.Deltas.Count()}" : "ok");
            }

            return outcomes.ToArray();
        }

        var first = await RunAsync();
        var second = await RunAsync();

        second.ShouldBe(first);
        first.ShouldContain("ok");
        first.ShouldContain("503");
        first.ShouldContain(o => o.StartsWith("modelStreamErrorException@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARandomReset_StrikesWithinTheConfiguredTokenRange()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        (await emulator.PostJsonAsync("/_emulator/faults", """{"reset":1,"faultAfterTokensMin":3,"faultAfterTokensMax":3}""")).EnsureSuccessStatusCode();

        var stream = await emulator.StreamAsync(ConverseBody.User("Random reset [[tokens:20]]"));

        stream.BrokenBy.ShouldNotBeNull();
        stream.Deltas.Count().ShouldBe(3);
        (await emulator.StatsAsync()).GetProperty("faultsInjected").GetProperty("reset").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task RandomFaults_LeaveEmbeddingsAlone()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        (await emulator.PostJsonAsync("/_emulator/faults", """{"http500":1}""")).EnsureSuccessStatusCode();

        using var response = await emulator.InvokeAsync("""{"inputText":"still works"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
