using System.Net;
using MangaAssist.Aws.ApiGatewayManagement;
using MangaAssist.Aws.Extensions;
using MangaAssist.Aws.Tests.Bedrock;
using MangaAssist.Aws.Tests.Infrastructure;
using MangaAssist.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.Http;

/// <summary><c>{Section}:HttpVersion</c>: what the requests carry, and what a real Kestrel sees of them.</summary>
public sealed class UpstreamHttpVersionTests
{
    [Theory]
    [InlineData(UpstreamHttpVersion.Auto, "https://bedrock-runtime.us-east-1.amazonaws.com", "2.0", HttpVersionPolicy.RequestVersionOrLower)]
    [InlineData(UpstreamHttpVersion.Auto, "http://127.0.0.1:8090", "1.1", HttpVersionPolicy.RequestVersionOrLower)]
    [InlineData(UpstreamHttpVersion.Http11, "https://bedrock-runtime.us-east-1.amazonaws.com", "1.1", HttpVersionPolicy.RequestVersionOrLower)]
    [InlineData(UpstreamHttpVersion.Http2, "http://127.0.0.1:8090", "2.0", HttpVersionPolicy.RequestVersionExact)]
    [InlineData(UpstreamHttpVersion.Http2, "https://abc123.execute-api.us-east-1.amazonaws.com/prod", "2.0", HttpVersionPolicy.RequestVersionExact)]
    public void TheSettingAndTheSchemeGiveTheRequestVersion(UpstreamHttpVersion setting, string endpoint, string version, HttpVersionPolicy policy)
    {
        var requestVersion = UpstreamRequestVersion.For(setting, new Uri(endpoint));

        requestVersion.Version.ShouldBe(Version.Parse(version));
        requestVersion.Policy.ShouldBe(policy);
    }

    [Theory]
    [InlineData("Http2", HttpProtocols.Http2, "HTTP/2")]
    [InlineData("Auto", HttpProtocols.Http1AndHttp2, "HTTP/1.1")]
    [InlineData("Http11", HttpProtocols.Http1AndHttp2, "HTTP/1.1")]
    public async Task TheRegisteredClientsSpeakTheConfiguredVersionToACleartextEndpoint(string setting, HttpProtocols served, string expected)
    {
        var seen = new List<string>();
        await using var bedrock = await LoopbackServer.StartAsync(context => Record(seen, context, c => BedrockWire.WriteStreamAsync(c, BedrockWire.Answer("hi"))), served);
        await using var gateway = await LoopbackServer.StartAsync(context => Record(seen, context, _ => Task.CompletedTask), served);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Credentials:Mode"] = "Static",
            ["Credentials:AccessKeyId"] = "AKIDLOCAL",
            ["Credentials:SecretAccessKey"] = "local-secret",
            ["Bedrock:Endpoint"] = bedrock.BaseAddress.ToString(),
            ["Bedrock:HttpVersion"] = setting,
            ["ApiGateway:Endpoint"] = new Uri(gateway.BaseAddress, "/local").ToString(),
            ["ApiGateway:HttpVersion"] = setting,
        }).Build();
        await using var provider = new ServiceCollection()
            .AddLogging()
            .AddAwsCredentials(configuration.GetSection("Credentials"))
            .AddBedrockRuntime(configuration.GetSection("Bedrock"))
            .AddApiGatewayManagement(configuration.GetSection("ApiGateway"))
            .BuildServiceProvider();

        var updates = await BedrockChatClientStreamingTests.ToListAsync(provider.GetRequiredService<IChatClient>().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello")]));
        var posted = await provider.GetRequiredService<IApiGatewayManagementClient>().PostToConnectionAsync("abc=", "frame"u8.ToArray());

        updates.First().Text.ShouldBe("hi");
        posted.IsDelivered.ShouldBeTrue(posted.Message);
        seen.ShouldBe([expected, expected]);
    }

    [Fact]
    public async Task Http2AgainstAnHttp11OnlyCleartextEndpointFailsThePostAtOnce()
    {
        await using var gateway = await LoopbackServer.StartAsync(_ => Task.CompletedTask, HttpProtocols.Http1);
        var options = new ApiGatewayManagementOptions { HttpVersion = UpstreamHttpVersion.Http2 };
        var client = Clients.ApiGateway(new Uri(gateway.BaseAddress, "/local"), requestTimeout: TimeSpan.FromSeconds(5), version: options.RequestVersionFor(gateway.BaseAddress));

        var result = await client.PostToConnectionAsync("abc=", "frame"u8.ToArray());

        result.Status.ShouldBe(PostToConnectionStatus.Failed);
        // What the operator reads in the transport-failure log line: the version mismatch, not a timeout.
        result.Message.ShouldNotBeNull();
        result.Message.ShouldContain("HTTP/2");
        result.Message.ShouldContain("HTTP_1_1_REQUIRED");
    }

    private static Task Record(List<string> seen, HttpContext context, Func<HttpContext, Task> answer)
    {
        lock (seen)
        {
            seen.Add(context.Request.Protocol);
        }

        return answer(context);
    }
}
