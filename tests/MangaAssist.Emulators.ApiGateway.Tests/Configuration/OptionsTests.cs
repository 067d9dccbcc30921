using MangaAssist.Emulators.ApiGateway.Configuration;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Configuration;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_are_the_aws_quotas_and_the_route_table_of_the_architecture_document()
    {
        var options = new ApiGatewayEmulatorOptions();

        options.ListenUrl.ShouldBe("http://127.0.0.1:8080");
        options.Stage.ShouldBe("local");
        options.IntegrationBaseUrl.ShouldBe("http://127.0.0.1:5080");
        options.RouteSelectionExpression.ShouldBe("$request.body.action");
        options.IntegrationTimeout.ShouldBe(TimeSpan.FromSeconds(29));
        options.IdleTimeout.ShouldBe(TimeSpan.FromMinutes(10));
        options.MaxConnectionDuration.ShouldBe(TimeSpan.FromHours(2));
        options.MaxMessageBytes.ShouldBe(131072);
        options.FrameBytes.ShouldBe(32768);
        options.RequireSignedManagementRequests.ShouldBeTrue();
        options.TwoWayRoutes.ShouldBeEmpty();
        options.TargetHealth.Enabled.ShouldBeFalse();
        options.TargetHealth.Interval.ShouldBe(TimeSpan.FromSeconds(5));
        options.TargetHealth.Timeout.ShouldBe(TimeSpan.FromSeconds(2));
        options.TargetHealth.HealthyThreshold.ShouldBe(2);
        options.TargetHealth.UnhealthyThreshold.ShouldBe(2);
        options.EffectiveConnectRequestParameters.ShouldBe(new Dictionary<string, string>
        {
            ["integration.request.header.X-MangaAssist-Token"] = "route.request.querystring.token",
        });
        options.EffectiveRoutes.ShouldBe(new Dictionary<string, string>
        {
            ["$connect"] = "/routes/connect",
            ["$disconnect"] = "/routes/disconnect",
            ["sendMessage"] = "/routes/sendMessage",
            ["analyze"] = "/routes/analyze",
            ["cancel"] = "/routes/cancel",
            ["resume"] = "/routes/resume",
            ["forget"] = "/routes/forget",
            ["$default"] = "/routes/default",
        }, ignoreOrder: true);
    }

    [Fact]
    public void Invalid_settings_stop_start_up_with_every_problem_named()
    {
        var exception = Should.Throw<OptionsValidationException>(() => ApiGatewayEmulatorApp.Create(
        [
            "--ApiGatewayEmulator:IntegrationBaseUrl=not-a-url",
            "--ApiGatewayEmulator:IdleTimeout=00:00:00",
            "--ApiGatewayEmulator:MaxMessageBytes=0",
            "--ApiGatewayEmulator:RouteSelectionExpression=$request.header.x",
            "--ApiGatewayEmulator:Routes:sendMessage=routes/no-leading-slash",
            "--ApiGatewayEmulator:TwoWayRoutes:0=missing",
        ]));

        exception.Failures.Count().ShouldBe(6);
        exception.Message.ShouldContain("ApiGatewayEmulator:IntegrationBaseUrl");
        exception.Message.ShouldContain("ApiGatewayEmulator:IdleTimeout");
        exception.Message.ShouldContain("ApiGatewayEmulator:MaxMessageBytes");
        exception.Message.ShouldContain("ApiGatewayEmulator:RouteSelectionExpression");
        exception.Message.ShouldContain("ApiGatewayEmulator:Routes:sendMessage");
        exception.Message.ShouldContain("ApiGatewayEmulator:TwoWayRoutes");
    }

    [Fact]
    public void Target_health_checks_need_a_path_a_timeout_shorter_than_the_interval_and_thresholds_from_1_to_10()
    {
        var exception = Should.Throw<OptionsValidationException>(() => ApiGatewayEmulatorApp.Create(
        [
            "--ApiGatewayEmulator:TargetHealth:Path=health/ready",
            "--ApiGatewayEmulator:TargetHealth:Interval=00:00:01",
            "--ApiGatewayEmulator:TargetHealth:Timeout=00:00:01",
            "--ApiGatewayEmulator:TargetHealth:HealthyThreshold=0",
            "--ApiGatewayEmulator:TargetHealth:UnhealthyThreshold=11",
        ]));

        exception.Failures.Count().ShouldBe(4);
        exception.Message.ShouldContain("ApiGatewayEmulator:TargetHealth:Path");
        exception.Message.ShouldContain("ApiGatewayEmulator:TargetHealth:Timeout");
        exception.Message.ShouldContain("ApiGatewayEmulator:TargetHealth:HealthyThreshold");
        exception.Message.ShouldContain("ApiGatewayEmulator:TargetHealth:UnhealthyThreshold");
    }

    [Theory]
    [InlineData("integration.request.header.X-MangaAssist-Token", "route.request.body.token")]
    [InlineData("integration.request.querystring.token", "route.request.querystring.token")]
    [InlineData("integration.request.header.Bad Name", "route.request.header.X-Token")]
    public void A_connect_request_parameter_that_is_not_a_header_from_the_query_or_a_header_stops_start_up(string target, string source)
    {
        var exception = Should.Throw<OptionsValidationException>(() => ApiGatewayEmulatorApp.Create([$"--ApiGatewayEmulator:ConnectRequestParameters:{target}={source}"]));

        exception.Failures.ShouldHaveSingleItem().ShouldStartWith($"ApiGatewayEmulator:ConnectRequestParameters:{target}");
    }

    [Fact]
    public async Task The_listen_url_setting_is_used_when_no_urls_argument_is_given()
    {
        await using var app = ApiGatewayEmulatorApp.Create(["--ApiGatewayEmulator:ListenUrl=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);

        await app.StartAsync(Guard.Token());

        var address = app.GetListenAddress();
        address.Host.ShouldBe("127.0.0.1");
        address.Port.ShouldBeGreaterThan(0);
        await app.StopAsync(Guard.Token());
    }

    [Fact]
    public async Task A_custom_stage_moves_the_socket_and_management_paths()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(("Stage", "prod"));
        await using var client = await gateway.ConnectAsync("/prod");

        using var response = await gateway.PostToConnectionAsync(client.ConnectionId, "hi"u8.ToArray(), "/prod");

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await client.ReceiveTextAsync()).ShouldBe("hi");
    }
}
