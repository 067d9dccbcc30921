using System.Net;
using System.Security.Cryptography;
using System.Text;
using MangaAssist.EndToEnd.Tests.Support;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>
/// <c>$connect</c> through the gateway emulator: a valid token opens the socket; no token, an expired one, one from
/// another issuer or audience, a tampered one, <c>alg: none</c> and HS256 signed with the public key are refused
/// with 401 (a valid guest-less guest token with 403), each logged with its reason code and never the token.
/// </summary>
public sealed class IdentityConnectTests(IdentityConnectTests.IdentityEdgeFixture edge) : IClassFixture<IdentityConnectTests.IdentityEdgeFixture>
{
    private EdgeStack Stack => edge.Stack;

    [Fact]
    public async Task A_valid_token_connects_and_is_answered()
    {
        var token = await edge.Tokens.IssueTokenAsync("alice");
        await using var socket = await IdentityEdge.ConnectAsync(Stack.WebSocketUrl, token);

        await socket.SendAsync(new { action = "sendMessage", requestId = "id-ok", sessionId = "s-1", message = "Which manga is about pirates?" });

        (await socket.ReadAnswerAsync("id-ok")).ShouldKeepTheProtocolPromises().Terminal.Type.ShouldBe("done");
    }

    [Fact]
    public async Task No_token_is_refused_with_401() =>
        (await IdentityEdge.UpgradeStatusAsync(Stack.WebSocketUrl, null)).ShouldBe(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task An_expired_token_is_refused_with_401()
    {
        var token = await edge.Tokens.IssueTokenAsync("alice", TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        await RefusedAsync(token, "expired");
    }

    [Fact]
    public async Task A_token_of_another_issuer_is_refused_with_401() =>
        await RefusedAsync(IdentityEdge.SignedByStranger(await edge.Tokens.IssueTokenAsync("alice"),
            p => IdentityEdge.Claims(p, ("iss", "https://issuer.example.net"))), "wrong_issuer");

    [Fact]
    public async Task A_token_for_another_audience_is_refused_with_401()
    {
        var forged = IdentityEdge.SignedByStranger(await edge.Tokens.IssueTokenAsync("alice"), p => IdentityEdge.Claims(p, ("aud", "another-app")));

        (await IdentityEdge.UpgradeStatusAsync(Stack.WebSocketUrl, forged)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tampered_token_is_refused_with_401() =>
        await RefusedAsync(IdentityEdge.WithPayload(await edge.Tokens.IssueTokenAsync("mallory"), p => IdentityEdge.Claims(p, ("sub", "alice"))), "bad_signature");

    [Fact]
    public async Task An_alg_none_token_is_refused_with_401() =>
        await RefusedAsync(IdentityEdge.Resigned(await edge.Tokens.IssueTokenAsync("alice"), new { alg = "none", typ = "JWT" }, sign: null), "alg_not_allowed");

    [Fact]
    public async Task An_hs256_token_signed_with_the_issuers_public_key_is_refused_with_401()
    {
        var token = await edge.Tokens.IssueTokenAsync("alice");
        var jwks = await Stack.Http.GetStringAsync(new Uri(IdentityEdge.IssuerOf(Stack), "/.well-known/jwks.json"));

        // The classic confusion: the public key material (here the JWKS text) used as an HMAC secret.
        var forged = IdentityEdge.Resigned(token, new { alg = "HS256", typ = "JWT", kid = IdentityEdge.Kid(token) },
            data => HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwks), data));

        await RefusedAsync(forged, "alg_not_allowed");
    }

    [Fact]
    public async Task Rejected_connects_log_a_reason_code_and_no_token_reaches_logs_spans_or_metrics()
    {
        var token = await edge.Tokens.IssueTokenAsync("alice");
        var tampered = IdentityEdge.WithPayload(token, p => IdentityEdge.Claims(p, ("sub", "bob")));
        await IdentityEdge.UpgradeStatusAsync(Stack.WebSocketUrl, tampered);
        await using (var socket = await IdentityEdge.ConnectAsync(Stack.WebSocketUrl, token))
        {
            await socket.SendAsync(new { action = "sendMessage", requestId = "id-telemetry", sessionId = "s-1", message = "Pirates?" });
            await socket.ReadAnswerAsync("id-telemetry");
        }

        var everything = edge.Telemetry.Everything();
        everything.Count.ShouldBeGreaterThan(20);
        foreach (var secret in new[] { token, tampered, token.Split('.')[2], Stack.IntegrationSecret })
        {
            everything.ShouldNotContain(line => line.Contains(secret, StringComparison.Ordinal));
        }

        everything.ShouldNotContain(line => line.Contains("alice", StringComparison.Ordinal));
        edge.Logs.Lines.ShouldContain(l => l.EventId == 1005 && l.State.GetValueOrDefault("Reason") == "bad_signature" && l.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task A_message_on_a_connection_without_a_principal_gets_one_unauthorized_frame_and_nothing_else()
    {
        await using var socket = await IdentityEdge.ConnectAsync(Stack.WebSocketUrl, await edge.Tokens.IssueTokenAsync("carol"));
        await IdentityEdge.ShouldLogAsync(edge.Logs, l => l.EventId == 1000 && l.State.GetValueOrDefault("PrincipalId") == IdentityEdge.PrincipalOf(Stack, "carol").Id);
        var carol = IdentityEdge.PrincipalOf(Stack, "carol").Id;
        var connectionId = edge.Logs.Lines.Last(l => l.EventId == 1000 && l.State.GetValueOrDefault("PrincipalId") == carol).State["ConnectionId"]!;
        // The service forgets the connection's principal, as after a $disconnect, while the socket stays open.
        using (var forget = new HttpRequestMessage(HttpMethod.Post, new Uri(Stack.ServiceUrl, "/routes/disconnect")))
        {
            forget.Headers.Add("X-Connection-Id", connectionId);
            forget.Headers.Add("X-MangaAssist-Integration-Secret", Stack.IntegrationSecret);
            (await Stack.Http.SendAsync(forget)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var bedrockBefore = await Stack.BedrockStatsAsync();
        await socket.SendAsync(new { action = "sendMessage", requestId = "id-orphan", sessionId = "s-1", message = "Pirates?" });
        // The refusal first (a loaded test machine may take a while), then a moment in which nothing else may follow.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (socket.Received.IsEmpty && waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));

        var frame = System.Text.Json.JsonDocument.Parse(socket.Received.ShouldHaveSingleItem()).RootElement;
        frame.GetProperty("type").GetString().ShouldBe("error");
        frame.GetProperty("code").GetString().ShouldBe("unauthorized");
        frame.GetProperty("requestId").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await Stack.BedrockStatsAsync()).StreamsStarted.ShouldBe(bedrockBefore.StreamsStarted);
    }

    [Fact]
    public async Task A_guest_token_from_the_service_connects_as_a_guest_and_minting_is_rate_limited_per_address()
    {
        using var minted = await Stack.Http.PostAsync(new Uri(Stack.ServiceUrl, "/v1/guest-tokens"), content: null);
        minted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = System.Text.Json.JsonDocument.Parse(await minted.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;

        await using (var socket = await IdentityEdge.ConnectAsync(Stack.WebSocketUrl, token))
        {
            await socket.SendAsync(new { action = "sendMessage", requestId = "id-guest", sessionId = "s-1", message = "Pirates?" });
            (await socket.ReadAnswerAsync("id-guest")).Terminal.Type.ShouldBe("done");
        }

        edge.Logs.Lines.ShouldContain(l => l.EventId == 1000 && l.State.GetValueOrDefault("PrincipalId")!.StartsWith("g_", StringComparison.Ordinal));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await Stack.Http.PostAsync(new Uri(Stack.ServiceUrl, "/v1/guest-tokens"), content: null);
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldContain(HttpStatusCode.TooManyRequests);
    }

    private async Task RefusedAsync(string token, string reason)
    {
        (await IdentityEdge.UpgradeStatusAsync(Stack.WebSocketUrl, token)).ShouldBe(HttpStatusCode.Unauthorized);
        await IdentityEdge.ShouldLogAsync(edge.Logs, l => l.EventId == 1005 && l.State.GetValueOrDefault("Reason") == reason);
    }

    /// <summary>A stack whose service logs into <see cref="Logs"/>, with every span and measurement of the process captured.</summary>
    public sealed class IdentityEdgeFixture : IAsyncLifetime
    {
        public EdgeStack Stack { get; private set; } = null!;

        public CapturedLogs Logs { get; } = new();

        public IdentityTelemetryCapture Telemetry { get; private set; } = null!;

        public MangaAssist.LocalEdge.Stack.DevTokenClient Tokens { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Stack = await EdgeStack.StartAsync(
                service: ["--Logging:LogLevel:Default=Debug", "--Identity:ClockSkew=00:00:00"],
                configureService: builder => builder.Logging.AddProvider(Logs));
            Tokens = IdentityEdge.Tokens(Stack);
            Telemetry = new IdentityTelemetryCapture(Logs);
        }

        public async Task DisposeAsync()
        {
            Telemetry.Dispose();
            Tokens.Dispose();
            await Stack.DisposeAsync();
        }
    }
}
