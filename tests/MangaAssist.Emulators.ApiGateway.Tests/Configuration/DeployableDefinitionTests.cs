using System.Text.Json;
using MangaAssist.Emulators.ApiGateway.Configuration;
using MangaAssist.Emulators.ApiGateway.Integration;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Configuration;

/// <summary>The CloudFormation template in container/apigateway must describe the same API the emulator emulates.</summary>
public sealed class DeployableDefinitionTests : IDisposable
{
    private static readonly Dictionary<string, string> MessageHeaders = new()
    {
        ["integration.request.header.X-Connection-Id"] = "context.connectionId",
        ["integration.request.header.X-Route-Key"] = "context.routeKey",
        ["integration.request.header.X-Event-Type"] = "context.eventType",
        ["integration.request.header.X-Api-Request-Id"] = "context.requestId",
        ["integration.request.header.X-Connected-At"] = "context.connectedAt",
        ["integration.request.header.X-Source-Ip"] = "context.identity.sourceIp",
    };

    private readonly JsonElement _resources;
    private readonly JsonDocument _template;

    public DeployableDefinitionTests()
    {
        var path = Path.Combine(RepositoryRoot.Path, "container", "apigateway", "websocket-api.template.json");
        _template = JsonDocument.Parse(File.ReadAllText(path));
        _resources = _template.RootElement.GetProperty("Resources");
    }

    [Fact]
    public void The_template_has_exactly_the_emulators_default_route_table()
    {
        var routes = Resources("AWS::ApiGatewayV2::Route").ToDictionary(
            route => route.GetProperty("Properties").GetProperty("RouteKey").GetString()!,
            route => IntegrationPath(IntegrationOf(route)));

        routes.ShouldBe(RouteTableDefaults.Routes.ToDictionary(), ignoreOrder: true);
    }

    [Fact]
    public void The_api_selects_routes_with_the_emulators_default_expression()
    {
        var api = Resources("AWS::ApiGatewayV2::Api").Single().GetProperty("Properties");

        api.GetProperty("ProtocolType").GetString().ShouldBe("WEBSOCKET");
        api.GetProperty("RouteSelectionExpression").GetString().ShouldBe(new ApiGatewayEmulatorOptions().RouteSelectionExpression);
    }

    [Fact]
    public void Every_integration_is_an_http_post_with_the_29_second_timeout_a_passthrough_body_and_the_context_headers()
    {
        foreach (var integration in Resources("AWS::ApiGatewayV2::Integration").Select(i => i.GetProperty("Properties")))
        {
            integration.GetProperty("IntegrationType").GetString().ShouldBe("HTTP");
            integration.GetProperty("IntegrationMethod").GetString().ShouldBe("POST");
            integration.GetProperty("TimeoutInMillis").GetInt32().ShouldBe(29000);
            integration.GetProperty("RequestTemplates").GetProperty("$default").GetString().ShouldBe("$input.body");
            var parameters = integration.GetProperty("RequestParameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            foreach (var (header, variable) in MessageHeaders)
            {
                parameters.ShouldContainKeyAndValue(header, variable);
            }
        }
    }

    [Fact]
    public void The_disconnect_integration_also_maps_the_disconnect_status_and_reason()
    {
        var disconnect = Resources("AWS::ApiGatewayV2::Route")
            .Single(r => r.GetProperty("Properties").GetProperty("RouteKey").GetString() == "$disconnect");

        var parameters = IntegrationOf(disconnect).GetProperty("RequestParameters");

        parameters.GetProperty("integration.request.header.X-Disconnect-Status-Code").GetString().ShouldBe("context.disconnectStatusCode");
        parameters.GetProperty("integration.request.header.X-Disconnect-Reason").GetString().ShouldBe("context.disconnectReason");
    }

    [Fact]
    public void Every_integration_sends_the_integration_secret_from_a_stage_variable_resolved_from_secrets_manager()
    {
        foreach (var integration in Resources("AWS::ApiGatewayV2::Integration").Select(i => i.GetProperty("Properties")))
        {
            integration.GetProperty("RequestParameters").GetProperty("integration.request.header." + IntegrationHeaders.IntegrationSecret)
                .GetString().ShouldBe("stageVariables.integrationSecret");
        }

        var stage = Resources("AWS::ApiGatewayV2::Stage").Single().GetProperty("Properties");
        var value = stage.GetProperty("StageVariables").GetProperty("integrationSecret").GetProperty("Fn::Sub").GetString();
        value.ShouldBe("{{resolve:secretsmanager:${IntegrationSecretId}:SecretString}}");
    }

    [Fact]
    public void The_task_definition_gets_the_same_secret_from_secrets_manager_as_Gateway__IntegrationSecret()
    {
        using var task = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "container", "ecs", "task-definition.json")));
        var container = task.RootElement.GetProperty("containerDefinitions")[0];
        var secret = container.GetProperty("secrets").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Gateway__IntegrationSecret");

        secret.GetProperty("valueFrom").GetString().ShouldEndWith(_template.RootElement.GetProperty("Parameters").GetProperty("IntegrationSecretId").GetProperty("Default").GetString()!);
        container.GetProperty("environment").EnumerateArray().ShouldNotContain(v => v.GetProperty("name").GetString() == "Gateway__IntegrationSecret");
    }

    public void Dispose() => _template.Dispose();

    private IEnumerable<JsonElement> Resources(string type) =>
        _resources.EnumerateObject().Select(r => r.Value).Where(r => r.GetProperty("Type").GetString() == type);

    // Targets read "integrations/${LogicalId}".
    private JsonElement IntegrationOf(JsonElement route)
    {
        var target = route.GetProperty("Properties").GetProperty("Target").GetProperty("Fn::Sub").GetString()!;
        var logicalId = target["integrations/${".Length..^1];
        return _resources.GetProperty(logicalId).GetProperty("Properties");
    }

    // IntegrationUri reads "${ServiceBaseUri}/routes/…".
    private static string IntegrationPath(JsonElement integration) =>
        integration.GetProperty("IntegrationUri").GetProperty("Fn::Sub").GetString()!["${ServiceBaseUri}".Length..];
}
