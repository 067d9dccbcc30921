using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MangaAssist.Aws.ApiGatewayManagement;
using MangaAssist.Aws.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.ApiGatewayManagement;

public sealed class ApiGatewayManagementClientTests
{
    [Fact]
    public async Task PostSendsTheBytesAsIsToTheStagePathSignedForExecuteApi()
    {
        RecordedRequest? received = null;
        await using var server = await LoopbackServer.StartAsync(async context => received = await RecordedRequest.CaptureAsync(context));
        var client = Clients.ApiGateway(new Uri(server.BaseAddress, "/production"));
        var frame = Encoding.UTF8.GetBytes("""{"type":"delta","requestId":"c-1","seq":1,"text":"漫画"}""");

        var result = await client.PostToConnectionAsync("L0SM9cOFvHcCIhw=", frame);

        result.Status.ShouldBe(PostToConnectionStatus.Delivered);
        result.IsDelivered.ShouldBeTrue();
        result.StatusCode.ShouldBe(200);
        received.ShouldNotBeNull();
        received.Method.ShouldBe("POST");
        received.RawTarget.ShouldBe("/production/@connections/L0SM9cOFvHcCIhw%3D");
        received.ContentType.ShouldBe("application/octet-stream");
        received.Body.ShouldBe(frame);
        received.Headers["Authorization"].ShouldStartWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
        received.Headers["Authorization"].ShouldContain("/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=");
        received.Headers["X-Amz-Security-Token"].ShouldBe("session-token");
        received.Headers["X-Amz-Date"].ShouldMatch(@"^\d{8}T\d{6}Z$");
    }

    [Theory]
    [InlineData("abc=", "abc%3D")]
    [InlineData("a+b/c=", "a%2Bb%2Fc%3D")]
    [InlineData("/+/+==", "%2F%2B%2F%2B%3D%3D")]
    public async Task ConnectionIdsWithReservedCharactersAreEncodedAsOneSegment(string connectionId, string encoded)
    {
        var targets = new List<string>();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var request = await RecordedRequest.CaptureAsync(context);
            lock (targets)
            {
                targets.Add(request.RawTarget);
            }

            if (request.Method == "GET")
            {
                await context.Response.WriteAsync("""{"connectedAt":"2026-11-21T01:02:03.000Z","identity":{"sourceIp":"203.0.113.9","userAgent":"ua"},"lastActiveAt":"2026-11-21T01:05:00.000Z"}""");
            }
            else if (request.Method == "DELETE")
            {
                context.Response.StatusCode = 204;
            }
        });
        var client = Clients.ApiGateway(new Uri(server.BaseAddress, "/local"));

        (await client.PostToConnectionAsync(connectionId, "x"u8.ToArray())).IsDelivered.ShouldBeTrue();
        (await client.GetConnectionAsync(connectionId)).ShouldNotBeNull();
        (await client.DeleteConnectionAsync(connectionId)).ShouldBeTrue();

        targets.ShouldBe(Enumerable.Repeat($"/local/@connections/{encoded}", 3));
    }

    [Theory]
    [InlineData(410, "GoneException", PostToConnectionStatus.Gone)]
    [InlineData(413, "PayloadTooLargeException", PostToConnectionStatus.PayloadTooLarge)]
    [InlineData(429, "LimitExceededException", PostToConnectionStatus.Throttled)]
    [InlineData(403, "ForbiddenException", PostToConnectionStatus.Forbidden)]
    [InlineData(500, "InternalServerErrorException", PostToConnectionStatus.Failed)]
    [InlineData(503, null, PostToConnectionStatus.Failed)]
    public async Task EachErrorStatusComesBackAsAValue(int status, string? errorType, PostToConnectionStatus expected)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            if (errorType is not null)
            {
                context.Response.Headers["x-amzn-ErrorType"] = errorType;
            }

            if (status == 429)
            {
                context.Response.Headers["Retry-After"] = "3";
            }

            await context.Response.WriteAsync(JsonSerializer.Serialize(new { message = $"{status} happened" }));
        });
        var client = Clients.ApiGateway(new Uri(server.BaseAddress, "/local"));

        var result = await client.PostToConnectionAsync("conn-1", "frame"u8.ToArray());

        result.Status.ShouldBe(expected);
        result.IsDelivered.ShouldBeFalse();
        result.StatusCode.ShouldBe(status);
        result.AwsErrorType.ShouldBe(errorType);
        result.Message.ShouldBe($"{status} happened");
        result.RetryAfter.ShouldBe(status == 429 ? TimeSpan.FromSeconds(3) : null);
    }

    [Fact]
    public async Task ANetworkFailureComesBackAsFailedWithoutAStatusCode()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = Clients.ApiGateway(new Uri($"http://127.0.0.1:{port}/local"));

        var result = await client.PostToConnectionAsync("conn-1", "frame"u8.ToArray());

        result.Status.ShouldBe(PostToConnectionStatus.Failed);
        result.StatusCode.ShouldBeNull();
        result.Message.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task AnUnansweredPostFailsAtTheRequestTimeoutAsAValue()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context => await release.Task.WaitAsync(context.RequestAborted));
        var client = Clients.ApiGateway(new Uri(server.BaseAddress, "/local"), requestTimeout: TimeSpan.FromMilliseconds(200));

        var result = await client.PostToConnectionAsync("conn-1", "frame"u8.ToArray());
        release.TrySetResult();

        result.Status.ShouldBe(PostToConnectionStatus.Failed);
        result.Message!.ShouldContain("No answer within 200 ms");
    }

    [Fact]
    public async Task TheCallersCancellationIsAnOperationCanceledException()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            arrived.TrySetResult();
            await release.Task.WaitAsync(context.RequestAborted);
        });
        var client = Clients.ApiGateway(new Uri(server.BaseAddress, "/local"));
        using var cancellation = new CancellationTokenSource();

        var post = client.PostToConnectionAsync("conn-1", "frame"u8.ToArray(), cancellation.Token).AsTask();
        await arrived.Task;
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => post);
        release.TrySetResult();
    }

    [Fact]
    public async Task ABurstOfFiftyConcurrentPostsReusesASmallPoolOfConnections()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            await RecordedRequest.CaptureAsync(context);
            await Task.Yield();
            Interlocked.Decrement(ref inFlight);
        });
        var client = Clients.ApiGateway(new Uri(server.BaseAddress, "/local"), maxConnections: 4);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.PostToConnectionAsync($"conn-{i}", Encoding.UTF8.GetBytes($"frame {i}")).AsTask()));
        var afterBurst = server.AcceptedConnections;
        for (var i = 0; i < 20; i++)
        {
            (await client.PostToConnectionAsync("conn-seq", "frame"u8.ToArray())).IsDelivered.ShouldBeTrue();
        }

        results.ShouldAllBe(r => r.IsDelivered);
        afterBurst.ShouldBeInRange(1, 4);
        server.AcceptedConnections.ShouldBe(afterBurst);
        maxInFlight.ShouldBeLessThanOrEqualTo(4);
    }

    [Fact]
    public async Task GetConnectionReadsTheServiceModelFieldsAndIsNullWhenGone()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Path.Value!.EndsWith("gone", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 410;
                context.Response.Headers["x-amzn-ErrorType"] = "GoneException";
                await context.Response.WriteAsync("""{"message":"Gone"}""");
                return;
            }

            context.Request.Method.ShouldBe("GET");
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"connectedAt":"2026-11-21T01:02:03.000Z","identity":{"sourceIp":"203.0.113.9","userAgent":"Mozilla/5.0"},"lastActiveAt":"2026-11-21T01:05:00.500Z"}""");
        });
        var client = Clients.ApiGateway(new Uri(server.BaseAddress, "/local"));

        var connection = await client.GetConnectionAsync("alive");
        var gone = await client.GetConnectionAsync("gone");

        connection.ShouldBe(new ApiGatewayConnection(
            new DateTimeOffset(2026, 11, 21, 1, 2, 3, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 21, 1, 5, 0, 500, TimeSpan.Zero),
            "203.0.113.9",
            "Mozilla/5.0"));
        gone.ShouldBeNull();
    }

    [Fact]
    public async Task DeleteConnectionIsTrueWhenClosedFalseWhenGoneAndThrowsOtherwise()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Request.Method.ShouldBe("DELETE");
            var id = context.Request.Path.Value!.Split('/')[^1];
            context.Response.StatusCode = id switch { "open" => 204, "gone" => 410, _ => 429 };
            if (context.Response.StatusCode == 429)
            {
                context.Response.Headers["x-amzn-ErrorType"] = "LimitExceededException";
                await context.Response.WriteAsync("""{"message":"Rate exceeded"}""");
            }
        });
        var client = Clients.ApiGateway(new Uri(server.BaseAddress, "/local"));

        (await client.DeleteConnectionAsync("open")).ShouldBeTrue();
        (await client.DeleteConnectionAsync("gone")).ShouldBeFalse();
        var error = await Should.ThrowAsync<ApiGatewayManagementException>(() => client.DeleteConnectionAsync("busy").AsTask());

        error.Status.ShouldBe(PostToConnectionStatus.Throttled);
        error.StatusCode.ShouldBe(429);
        error.AwsErrorType.ShouldBe("LimitExceededException");
        error.Message.ShouldBe("Rate exceeded");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
