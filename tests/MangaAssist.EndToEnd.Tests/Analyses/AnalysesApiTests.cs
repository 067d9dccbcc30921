using Shouldly;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MangaAssist.EndToEnd.Tests.Support;

namespace MangaAssist.EndToEnd.Tests.Analyses;

/// <summary>Deep analysis over REST on the real local stack: 202, poll, result; idempotency; cancel; isolation; ETag.</summary>
public sealed class AnalysesApiTests(SharedEdge edge) : IClassFixture<SharedEdge>
{
    private async Task<AnalysesClient> ClientAsync(string subject = "analyst-1") =>
        new(edge.Stack.Http, edge.Stack.ServiceUrl, await edge.Stack.IssueTokenAsync(subject));

    [Theory]
    [InlineData(20, "short")]
    [InlineData(1500, "long")]
    public async Task Submit_Returns202ThenPollingEndsWithTheModelsWholeAnswer(int tokens, string kind)
    {
        var client = await ClientAsync();
        var tag = $"tag-analysis-{kind}-{Guid.NewGuid():N}";
        using var response = await client.SubmitAsync(new { sessionId = "s-a", message = $"Compare two series [[tokens:{tokens}]] {tag}" });

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        response.Headers.Location!.ToString().ShouldBe("/v1/analyses/" + id);
        accepted.GetProperty("statusUrl").GetString().ShouldBe("/v1/analyses/" + id);
        accepted.GetProperty("status").GetString().ShouldBe("queued");

        var done = await client.PollAsync(id);
        done.GetProperty("status").GetString().ShouldBe("succeeded", done.ToString());
        var model = await edge.Stack.TranscriptAsync(tag);
        done.GetProperty("result").GetProperty("text").GetString().ShouldBe(model.Text);
        done.GetProperty("progress").GetProperty("outputTokens").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ForgettingTheShopper_DeletesTheirAnalysesWithQuestionAndResult()
    {
        var token = await edge.Stack.IssueTokenAsync("analyst-forgets");
        var client = new AnalysesClient(edge.Stack.Http, edge.Stack.ServiceUrl, token);
        var other = await ClientAsync("analyst-stays");
        var id = await client.SubmitIdAsync("s-f", $"Compare two series [[tokens:12]] tag-forget-{Guid.NewGuid():N}");
        var kept = await other.SubmitIdAsync("s-f", $"Compare two series [[tokens:12]] tag-stay-{Guid.NewGuid():N}");
        (await client.PollAsync(id)).GetProperty("status").GetString().ShouldBe("succeeded");

        using var forget = new HttpRequestMessage(HttpMethod.Delete, new Uri(edge.Stack.ServiceUrl, "/v1/me/data"));
        forget.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var forgotten = await edge.Stack.Http.SendAsync(forget);

        forgotten.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await forgotten.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deleted").GetProperty("analyses").GetInt32().ShouldBe(1);
        using var gone = await client.GetAsync(id);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PollAsync(kept)).GetProperty("status").GetString().ShouldBe("succeeded");
    }

    [Fact]
    public async Task SameIdempotencyKey_ReturnsTheSameJobAndAsksTheModelOnce()
    {
        var client = await ClientAsync();
        var tag = $"tag-idem-{Guid.NewGuid():N}";
        var body = new { sessionId = "s-i", message = $"Summarise a series [[tokens:10]] {tag}" };

        using var first = await client.SubmitAsync(body, "key-1-" + tag);
        using var second = await client.SubmitAsync(body, "key-1-" + tag);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        secondId.ShouldBe(firstId);
        (await client.PollAsync(firstId)).GetProperty("status").GetString().ShouldBe("succeeded");
        (await edge.Stack.TranscriptsAsync(tag)).Count.ShouldBe(1);

        using var reused = await client.SubmitAsync(new { sessionId = "s-i", message = "Something else entirely" }, "key-1-" + tag);
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        reused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Cancel_StopsTheModelAndTheJobEndsCancelled()
    {
        var client = await ClientAsync();
        var tag = $"tag-cancel-{Guid.NewGuid():N}";
        var id = await client.SubmitIdAsync("s-c", $"A very long comparison [[tokens:3000]] [[tps:100]] {tag}");
        await client.PollAsync(id, view => view.GetProperty("status").GetString() == "running" && view.GetProperty("progress").GetProperty("outputTokens").GetInt64() > 0);
        var before = await edge.Stack.BedrockStatsAsync();

        using var cancel = await client.CancelAsync(id);

        cancel.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var ended = await client.PollAsync(id);
        ended.GetProperty("status").GetString().ShouldBe("cancelled");
        ended.GetProperty("error").GetProperty("code").GetString().ShouldBe("cancelled");
        var after = await edge.Stack.BedrockStatsWhenAsync(s => s.StreamsAbortedByClient > before.StreamsAbortedByClient);
        after.StreamsAbortedByClient.ShouldBeGreaterThan(before.StreamsAbortedByClient);
        var call = await edge.Stack.TranscriptAsync(tag);
        call.TokensSent.ShouldBeLessThan(3000);
    }

    [Fact]
    public async Task AnotherPrincipalsJob_IsNotFoundExactlyLikeAnUnknownOne()
    {
        var owner = await ClientAsync("analyst-owner");
        var stranger = await ClientAsync("analyst-stranger");
        var id = await owner.SubmitIdAsync("s-o", "Private analysis [[tokens:5]]");

        using var theirs = await stranger.GetAsync(id);
        using var unknown = await stranger.GetAsync(Guid.NewGuid().ToString("N"));
        using var cancel = await stranger.CancelAsync(id);

        theirs.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        cancel.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await theirs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .ShouldBe((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        (await owner.PollAsync(id)).GetProperty("status").GetString().ShouldBe("succeeded");
    }

    [Fact]
    public async Task Poll_CarriesAnETagAndIfNoneMatchGets304UntilTheJobChanges()
    {
        var client = await ClientAsync();
        var id = await client.SubmitIdAsync("s-e", "Quick note [[tokens:5]]");
        await client.PollAsync(id);

        using var first = await client.GetAsync(id);
        var etag = first.Headers.ETag!.ToString();
        using var again = await client.GetAsync(id, etag);

        again.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        first.Headers.RetryAfter.ShouldBeNull();
    }

    [Theory]
    [InlineData(null, "{\"sessionId\":\"s\",\"message\":\"hi\"}", HttpStatusCode.Unauthorized)]
    [InlineData("ok", "{\"sessionId\":\"s\"}", HttpStatusCode.BadRequest)]
    [InlineData("ok", "not json", HttpStatusCode.BadRequest)]
    public async Task BadCalls_AreProblemDetails(string? token, string body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(edge.Stack.ServiceUrl, "/v1/analyses"))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", await edge.Stack.IssueTokenAsync("analyst-bad"));
        }

        using var response = await edge.Stack.Http.SendAsync(request);

        response.StatusCode.ShouldBe(expected);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
