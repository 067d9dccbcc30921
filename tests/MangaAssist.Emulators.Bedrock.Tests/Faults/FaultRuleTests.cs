using System.Net;
using System.Text.Json;
using MangaAssist.Emulators.Bedrock.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MangaAssist.Emulators.Bedrock.Tests.Faults;

/// <summary><c>/_emulator/faults</c> as rules: scope, expiry, validation, echo. Each test starts its own emulator.</summary>
public sealed class FaultRuleTests
{
    private const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";

    [Fact]
    public async Task UnknownFields_AreRefusedWithTheKnownFieldNames()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync("/_emulator/faults", """{"http503":0.5,"resetRate":0.1}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = await MessageAsync(response);
        message.ShouldContain("resetRate");
        foreach (var known in new[] { "http503", "reset", "malformed", "noEnd", "resetBeforeHeaders", "silent", "contentFiltered", "http408", "model", "durationMs", "retryAfterSeconds", "timeToFirstTokenMs", "tokensPerSecond", "faultAfterTokensMin" })
        {
            message.ShouldContain(known);
        }

        (await emulator.GetJsonAsync("/_emulator/faults")).GetProperty("rules").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task OmittedFields_KeepTheirDefaults_AndTheEchoShowsTheRuleInForce()
    {
        await using var emulator = await RunningEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync("/_emulator/faults", """{"reset":1}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        echo.GetProperty("reset").GetDouble().ShouldBe(1);
        echo.GetProperty("faultAfterTokensMin").GetInt32().ShouldBe(1);
        echo.GetProperty("faultAfterTokensMax").GetInt32().ShouldBe(20);
        echo.TryGetProperty("expiresAt", out _).ShouldBeFalse();

        // A mid-stream reset never strikes before the first token.
        var stream = await emulator.StreamAsync(ConverseBody.User("Default range [[tokens:40]]"));
        stream.BrokenBy.ShouldNotBeNull();
        stream.Deltas.Count().ShouldBeInRange(1, 20);
    }

    [Fact]
    public async Task ARuleWithADuration_ExpiresOnTheEmulatorsClock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var emulator = await RunningEmulator.StartAsync(clock);

        using var set = await emulator.PostJsonAsync("/_emulator/faults", """{"http503":1,"durationMs":60000}""");
        var echo = JsonDocument.Parse(await set.Content.ReadAsStringAsync()).RootElement;
        echo.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(clock.GetUtcNow().AddMinutes(1));

        using (var during = await emulator.ConverseStreamAsync(ConverseBody.User("During [[tokens:2]]")))
        {
            during.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        clock.Advance(TimeSpan.FromSeconds(61));

        using (var after = await emulator.ConverseStreamAsync(ConverseBody.User("After [[tokens:2]]")))
        {
            after.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await emulator.GetJsonAsync("/_emulator/faults")).GetProperty("rules").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AModelScopedRule_WinsOverTheGlobalOne_AndIsClearedAlone()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        (await emulator.PostJsonAsync("/_emulator/faults", """{"http503":1}""")).EnsureSuccessStatusCode();
        (await emulator.PostJsonAsync("/_emulator/faults", """{"http429":1,"model":"haiku","retryAfterSeconds":3}""")).EnsureSuccessStatusCode();

        using (var sonnet = await emulator.ConverseStreamAsync(ConverseBody.User("Scope [[tokens:2]]")))
        using (var haiku = await emulator.ConverseStreamAsync(ConverseBody.User("Scope [[tokens:2]]"), Haiku))
        {
            sonnet.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            sonnet.Headers.RetryAfter.ShouldBeNull();
            haiku.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            haiku.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(3));
        }

        var rules = (await emulator.GetJsonAsync("/_emulator/faults")).GetProperty("rules").EnumerateArray().ToArray();
        rules.Length.ShouldBe(2);

        using (var cleared = await emulator.Client.DeleteAsync("/_emulator/faults?model=haiku"))
        {
            cleared.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using (var haiku = await emulator.ConverseStreamAsync(ConverseBody.User("Scope [[tokens:2]]"), Haiku))
        {
            haiku.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }
    }

    [Fact]
    public async Task ARulesSlowness_HoldsOnlyItsModel_OnTheEmulatorsClock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var emulator = await RunningEmulator.StartAsync(clock);
        (await emulator.PostJsonAsync("/_emulator/faults", """{"model":"haiku","timeToFirstTokenMs":5000}""")).EnsureSuccessStatusCode();

        using (var sonnet = await emulator.ConverseAsync(ConverseBody.User("Pace [[tokens:2]]")))
        {
            sonnet.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var haiku = emulator.ConverseAsync(ConverseBody.User("Pace [[tokens:2]] #slow-haiku"), Haiku);
        await Eventually.TrueAsync(
            async () => (await emulator.StatsAsync()).GetProperty("requestsByModel").TryGetProperty(Haiku, out _),
            "the haiku request to arrive");
        haiku.IsCompleted.ShouldBeFalse();

        // The clock only moves when told to; keep moving it until the held answer comes out.
        for (var i = 0; i < 100 && !haiku.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        using var answered = await haiku;
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await emulator.SingleTranscriptAsync("#slow-haiku")).GetProperty("firstTokenMs").GetDouble().ShouldBeGreaterThanOrEqualTo(5000);
    }

    [Fact]
    public async Task ARepeatedPostReplacesTheRuleOfItsScope()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        (await emulator.PostJsonAsync("/_emulator/faults", """{"http503":1,"model":"haiku"}""")).EnsureSuccessStatusCode();
        (await emulator.PostJsonAsync("/_emulator/faults", """{"http500":1,"model":"haiku"}""")).EnsureSuccessStatusCode();

        var rule = (await emulator.GetJsonAsync("/_emulator/faults")).GetProperty("rules").EnumerateArray().ShouldHaveSingleItem();
        rule.GetProperty("http503").GetDouble().ShouldBe(0);
        rule.GetProperty("http500").GetDouble().ShouldBe(1);
        rule.GetProperty("model").GetString().ShouldBe("haiku");
    }

    [Theory]
    [InlineData("""{"noEnd":1,"faultAfterTokensMin":2,"faultAfterTokensMax":2}""", "endedWithoutStop")]
    [InlineData("""{"malformed":1,"faultAfterTokensMin":2,"faultAfterTokensMax":2}""", "malformed")]
    [InlineData("""{"contentFiltered":1,"faultAfterTokensMin":2,"faultAfterTokensMax":2}""", "completed")]
    public async Task NewRates_InjectTheirFaults(string rule, string outcome)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        (await emulator.PostJsonAsync("/_emulator/faults", rule)).EnsureSuccessStatusCode();

        using (var response = await emulator.ConverseStreamAsync(ConverseBody.User("Random kind [[tokens:10]] #new-rate")))
        {
            await response.Content.ReadAsByteArrayAsync();
        }

        var transcript = await emulator.SingleTranscriptAsync("#new-rate");
        transcript.GetProperty("outcome").GetString().ShouldBe(outcome);
        transcript.GetProperty("tokensSent").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task ResetBeforeHeadersRate_DropsTheConnection()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        (await emulator.PostJsonAsync("/_emulator/faults", """{"resetBeforeHeaders":1}""")).EnsureSuccessStatusCode();

        await Should.ThrowAsync<HttpRequestException>(() => emulator.ConverseStreamAsync(ConverseBody.User("No headers")));

        (await emulator.StatsAsync()).GetProperty("faultsInjected").GetProperty("resetBeforeHeaders").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Stats_CountRequestsPerModelId()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        (await emulator.PostJsonAsync("/_emulator/faults", """{"http503":1,"model":"sonnet"}""")).EnsureSuccessStatusCode();

        for (var i = 0; i < 2; i++)
        {
            using var sonnet = await emulator.ConverseStreamAsync(ConverseBody.User("Count [[tokens:1]]"));
        }

        using (var haiku = await emulator.ConverseStreamAsync(ConverseBody.User("Count [[tokens:1]]"), Haiku))
        {
            await haiku.Content.ReadAsByteArrayAsync();
        }

        var stats = await emulator.StatsAsync();
        var byModel = stats.GetProperty("requestsByModel");
        byModel.GetProperty(RunningEmulator.SonnetProfile).GetInt64().ShouldBe(2);
        byModel.GetProperty(Haiku).GetInt64().ShouldBe(1);
        stats.GetProperty("faultsInjected").GetProperty("http503").GetInt64().ShouldBe(2);
    }

    [Theory]
    [InlineData("""{"durationMs":0}""", "durationMs")]
    [InlineData("""{"retryAfterSeconds":-1}""", "retryAfterSeconds")]
    [InlineData("""{"model":" "}""", "model")]
    [InlineData("""{"expiresAt":"2026-11-30T00:00:00Z"}""", "expiresAt")]
    [InlineData("""[1]""", "JSON object")]
    public async Task InvalidRules_AreRefused(string body, string named)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        using var response = await emulator.PostJsonAsync("/_emulator/faults", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await MessageAsync(response)).ShouldContain(named);
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;
}
