using System.Text.Json;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.SdkCompat;

public sealed class OfficialSdkCompatibilityTests
{
    [Fact]
    public async Task The_official_javascript_management_client_posts_gets_deletes_and_sees_aws_error_types()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        var endpoint = $"http://127.0.0.1:{gateway.Address.Port}/local";

        var output = await NodeScript.RunAsync("apigateway.mjs", endpoint);

        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        var connectionId = root.GetProperty("connectionId").GetString();
        gateway.Backend.Calls.ShouldContain(c => c.RouteKey == "$connect" && c.ConnectionId == connectionId);
        root.GetProperty("postStatus").GetInt32().ShouldBe(200);
        root.GetProperty("received").GetString().ShouldBe("hello from the official SDK ✓");
        var description = root.GetProperty("getConnection");
        description.GetProperty("status").GetInt32().ShouldBe(200);
        description.GetProperty("connectedAt").GetString().ShouldNotBeNull();
        description.GetProperty("lastActiveAt").GetString().ShouldNotBeNull();
        description.GetProperty("sourceIp").GetString().ShouldBe("127.0.0.1");
        description.GetProperty("userAgent").GetString().ShouldBe("sdk-compat-ws");
        root.GetProperty("tooLarge").GetProperty("name").GetString().ShouldBe("PayloadTooLargeException");
        root.GetProperty("tooLarge").GetProperty("status").GetInt32().ShouldBe(413);
        root.GetProperty("throttled").GetProperty("name").GetString().ShouldBe("LimitExceededException");
        root.GetProperty("throttled").GetProperty("status").GetInt32().ShouldBe(429);
        root.GetProperty("unsigned").GetProperty("name").GetString().ShouldBe("ForbiddenException");
        root.GetProperty("unsigned").GetProperty("status").GetInt32().ShouldBe(403);
        root.GetProperty("unsigned").GetProperty("message").GetString().ShouldBe("Missing Authentication Token");
        root.GetProperty("deleteStatus").GetInt32().ShouldBe(204);
        root.GetProperty("closeCode").GetInt32().ShouldBe(1000);
        root.GetProperty("gone").GetProperty("name").GetString().ShouldBe("GoneException");
        root.GetProperty("gone").GetProperty("status").GetInt32().ShouldBe(410);
        var disconnect = await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "$disconnect");
        disconnect.ConnectionId.ShouldBe(connectionId);
    }
}
