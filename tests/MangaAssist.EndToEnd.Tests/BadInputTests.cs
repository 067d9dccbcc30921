using MangaAssist.EndToEnd.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>Every kind of bad input gets one clear error frame, never a crash or a silent drop.</summary>
public sealed class BadInputTests(SharedEdge edge) : IClassFixture<SharedEdge>
{
    [Theory]
    [InlineData("this is not json", "malformed_json", null)]
    [InlineData("""{"action":"sendMessage","requestId":"b-1","sessionId":"s" """, "malformed_json", null)]
    [InlineData("""{"action":"fly","requestId":"b-2"}""", "unknown_action", "b-2")]
    [InlineData("""{"requestId":"b-3","message":"no action"}""", "unknown_action", "b-3")]
    [InlineData("""{"action":"sendMessage","sessionId":"s","message":"hi"}""", "missing_request_id", null)]
    [InlineData("""{"action":"sendMessage","requestId":"b-4","message":"hi"}""", "missing_session_id", "b-4")]
    [InlineData("""{"action":"analyze","requestId":"b-5","sessionId":"s","message":""}""", "empty_message", "b-5")]
    [InlineData("""{"action":"sendMessage","requestId":"b-6","sessionId":"s","message":["hi"]}""", "invalid_field", "b-6")]
    [InlineData("""{"action":"cancel","requestId":"never-sent"}""", "unknown_request", "never-sent")]
    public async Task BadMessage_GetsOneErrorFrameWithAClearCode(string raw, string code, string? requestId)
    {
        await using var socket = await edge.Stack.ConnectAsync();

        await socket.SendRawAsync(raw);
        var answer = (await socket.ReadAnswerAsync(requestId ?? "")).ShouldKeepTheProtocolPromises();

        var error = answer.Frames.ShouldHaveSingleItem();
        error.Type.ShouldBe("error");
        error.Code.ShouldBe(code);
        error.Retryable.ShouldBe(false);
        error.Str("message").ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task OversizedMessage_IsRefusedWithItsLengthAndTheLimit()
    {
        await using var socket = await edge.Stack.ConnectAsync();

        await socket.AskAsync("big-1", new string('漫', 4001));
        var error = (await socket.ReadAnswerAsync("big-1")).ShouldKeepTheProtocolPromises().Frames.ShouldHaveSingleItem();

        error.Code.ShouldBe("message_too_large");
        error.Str("message")!.ShouldContain("4001");
        error.Str("message")!.ShouldContain("4000");
    }

    [Fact]
    public async Task RefusedMessage_DoesNotBreakTheConnectionForTheNextQuestion()
    {
        await using var socket = await edge.Stack.ConnectAsync();

        await socket.SendRawAsync("{oops");
        (await socket.ReadAnswerAsync("")).Terminal.Code.ShouldBe("malformed_json");
        await socket.AskAsync("ok-1", "Still there?");

        (await socket.ReadAnswerAsync("ok-1")).ShouldKeepTheProtocolPromises().Terminal.Type.ShouldBe("done");
    }

    [Fact]
    public async Task IntegrationCallWithoutConnectionHeader_IsAProblemResponseNamingTheMapping()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(edge.Stack.ServiceUrl, "/routes/sendMessage")) { Content = new StringContent("{}") };
        request.Headers.Add("X-MangaAssist-Integration-Secret", edge.Stack.IntegrationSecret);
        using var response = await edge.Stack.Http.SendAsync(request);

        ((int)response.StatusCode).ShouldBe(400);
        (await response.Content.ReadAsStringAsync()).ShouldContain("X-Connection-Id");
    }
}
