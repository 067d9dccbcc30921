using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Management;

public sealed class ManagementApiTests
{
    [Theory]
    [InlineData("/local")]
    [InlineData("")]
    public async Task Post_to_connection_delivers_the_raw_data_and_answers_200_with_an_empty_body(string stagePrefix)
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();
        const string frame = """{"type":"delta","requestId":"c-1","seq":1,"text":"こんにちは"}""";

        using var response = await gateway.PostToConnectionAsync(client.ConnectionId, Encoding.UTF8.GetBytes(frame), stagePrefix);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        (await client.ReceiveTextAsync()).ShouldBe(frame);
    }

    [Fact]
    public async Task The_connection_id_may_arrive_url_encoded()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();
        var encodedId = client.ConnectionId.Replace("=", "%3D", StringComparison.Ordinal);

        using var response = await gateway.SendAsync(HttpMethod.Post, $"/local/@connections/{encodedId}", "hi"u8.ToArray());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.ReceiveTextAsync()).ShouldBe("hi");
    }

    [Fact]
    public async Task Post_to_an_unknown_connection_is_410_gone()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();

        using var response = await gateway.PostToConnectionAsync("AAAAAAAAAAAAAAA=", "hi"u8.ToArray());

        await ShouldBeAwsError(response, HttpStatusCode.Gone, "GoneException");
    }

    [Fact]
    public async Task Post_after_the_client_closed_is_410_gone()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done");
        await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "$disconnect");

        using var response = await gateway.PostToConnectionAsync(client.ConnectionId, "late"u8.ToArray());

        await ShouldBeAwsError(response, HttpStatusCode.Gone, "GoneException");
    }

    [Fact]
    public async Task Post_of_more_than_128_KB_is_413_and_exactly_128_KB_is_accepted()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();

        using var tooLarge = await gateway.PostToConnectionAsync(client.ConnectionId, new byte[(128 * 1024) + 1]);
        using var atLimit = await gateway.PostToConnectionAsync(client.ConnectionId, Encoding.ASCII.GetBytes(new string('a', 128 * 1024)));

        await ShouldBeAwsError(tooLarge, HttpStatusCode.RequestEntityTooLarge, "PayloadTooLargeException");
        atLimit.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.ReceiveTextAsync()).Length.ShouldBe(128 * 1024);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task Unsigned_management_requests_are_403_missing_authentication_token(string method)
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();

        using var response = await gateway.SendAsync(new HttpMethod(method), $"/local/@connections/{client.ConnectionId}", "x"u8.ToArray(), signed: false);

        var message = await ShouldBeAwsError(response, HttpStatusCode.Forbidden, "ForbiddenException");
        message.ShouldBe("Missing Authentication Token");
    }

    [Fact]
    public async Task An_authorization_header_that_is_not_sigv4_for_execute_api_is_403()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();
        using var request = ManagementRequests.Create(HttpMethod.Get, $"/local/@connections/{client.ConnectionId}", signed: false);
        request.Headers.TryAddWithoutValidation("Authorization", ManagementRequests.SignedShape.Replace("execute-api", "bedrock", StringComparison.Ordinal));

        using var response = await gateway.Http.SendAsync(request, Guard.Token());

        await ShouldBeAwsError(response, HttpStatusCode.Forbidden, "ForbiddenException");
    }

    [Fact]
    public async Task Unsigned_requests_are_accepted_when_signatures_are_not_required()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(("RequireSignedManagementRequests", "false"));
        await using var client = await gateway.ConnectAsync();

        using var response = await gateway.SendAsync(HttpMethod.Post, $"/local/@connections/{client.ConnectionId}", "ok"u8.ToArray(), signed: false);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_connection_describes_the_connection_with_the_wire_names_of_the_aws_service_model()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync(configure: o => o.SetRequestHeader("User-Agent", "manga-reader/2.0"));
        await client.SendTextAsync("""{"action":"sendMessage"}""");
        await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "sendMessage");

        using var response = await gateway.SendAsync(HttpMethod.Get, $"/local/@connections/{Uri.EscapeDataString(client.ConnectionId)}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        root.GetProperty("connectedAt").GetString()!.ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
        root.GetProperty("lastActiveAt").GetString()!.ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
        string.CompareOrdinal(root.GetProperty("lastActiveAt").GetString(), root.GetProperty("connectedAt").GetString()).ShouldBeGreaterThanOrEqualTo(0);
        root.GetProperty("identity").GetProperty("sourceIp").GetString().ShouldBe("127.0.0.1");
        root.GetProperty("identity").GetProperty("userAgent").GetString().ShouldBe("manga-reader/2.0");
    }

    [Fact]
    public async Task Delete_connection_answers_204_closes_the_socket_and_sends_disconnect()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();

        using var response = await gateway.SendAsync(HttpMethod.Delete, $"/local/@connections/{client.ConnectionId}");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.ReceiveCloseAsync()).Status.ShouldBe(WebSocketCloseStatus.NormalClosure);
        var disconnect = await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "$disconnect");
        disconnect.Header("X-Disconnect-Reason").ShouldBe("Connection deleted");
        using var get = await gateway.SendAsync(HttpMethod.Get, $"/local/@connections/{client.ConnectionId}");
        await ShouldBeAwsError(get, HttpStatusCode.Gone, "GoneException");
        using var deleteAgain = await gateway.SendAsync(HttpMethod.Delete, $"/local/@connections/{client.ConnectionId}");
        await ShouldBeAwsError(deleteAgain, HttpStatusCode.Gone, "GoneException");
    }

    [Fact]
    public async Task Concurrent_posts_to_one_connection_arrive_whole_and_never_interleaved()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();
        var payloads = Enumerable.Range(0, 20).Select(i => new string((char)('A' + i), 70_000)).ToArray();

        var responses = await Task.WhenAll(payloads.Select(p => gateway.PostToConnectionAsync(client.ConnectionId, Encoding.ASCII.GetBytes(p))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var received = new List<string>();
        for (var i = 0; i < payloads.Length; i++)
        {
            received.Add(await client.ReceiveTextAsync());
        }

        received.Order().ShouldBe(payloads);
    }

    [Fact]
    public async Task Sequential_posts_arrive_in_the_order_they_were_made()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();

        for (var seq = 0; seq < 30; seq++)
        {
            using var response = await gateway.PostToConnectionAsync(client.ConnectionId, Encoding.UTF8.GetBytes($$"""{"seq":{{seq}}}"""));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        for (var seq = 0; seq < 30; seq++)
        {
            (await client.ReceiveTextAsync()).ShouldBe($$"""{"seq":{{seq}}}""");
        }
    }

    internal static async Task<string> ShouldBeAwsError(HttpResponseMessage response, HttpStatusCode status, string errorType)
    {
        response.StatusCode.ShouldBe(status);
        response.Headers.GetValues("x-amzn-ErrorType").Single().ShouldBe(errorType);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = body.RootElement.GetProperty("message").GetString();
        message.ShouldNotBeNullOrWhiteSpace();
        return message!;
    }
}
