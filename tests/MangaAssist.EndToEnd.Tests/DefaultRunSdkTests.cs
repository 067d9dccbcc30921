using System.Net;
using MangaAssist.EndToEnd.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>
/// The README's run command, as a new user meets it: LocalEdge started with no arguments, then the official AWS SDK
/// for JavaScript v3 clients in their default configuration with only the endpoint overridden.
/// </summary>
public sealed class DefaultRunSdkTests(LocalEdgeProcess edge) : IClassFixture<LocalEdgeProcess>
{
    [Fact]
    public async Task BedrockRuntimeClient_DefaultHttp2Handler_StreamsConverseStreamToTheEnd()
    {
        var result = await SdkCompatScript.RunAsync(LocalEdgeProcess.RepositoryRoot(), "bedrock.mjs", edge.BedrockUrl.ToString().TrimEnd('/'), "converse-stream");

        result.GetProperty("error").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null, result.ToString());
        result.GetProperty("httpStatusCode").GetInt32().ShouldBe(200);
        result.GetProperty("text").GetString().ShouldStartWith("You asked: \"Which shonen manga should I read first?\"");
        result.GetProperty("stopReason").GetString().ShouldBe("end_turn");
        var events = result.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToArray();
        events[0].ShouldBe("messageStart");
        events[^1].ShouldBe("metadata");
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public Task BedrockPort_ServesHttp11AndPriorKnowledgeHttp2(string version) => ServesVersionAsync(edge.BedrockUrl, version);

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public Task GatewayPort_ServesHttp11AndPriorKnowledgeHttp2(string version) => ServesVersionAsync(edge.GatewayUrl, version);

    private static async Task ServesVersionAsync(Uri emulator, string version)
    {
        // Version exact over http:// is HTTP/1.1 for 1.1 and h2c with prior knowledge for 2.0, as curl --http2-prior-knowledge.
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator, "/_emulator/stats"))
        {
            Version = Version.Parse(version),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Version.ShouldBe(Version.Parse(version));
    }

    [Fact]
    public async Task ApiGatewayManagementApiClient_Default_PostsToARealWebSocketClient()
    {
        var management = $"{edge.GatewayUrl.ToString().TrimEnd('/')}/local";

        var result = await SdkCompatScript.RunAsync(LocalEdgeProcess.RepositoryRoot(), "apigateway.mjs", management, edge.IssuerUrl.ToString().TrimEnd('/'));

        result.GetProperty("postStatus").GetInt32().ShouldBe(200);
        result.GetProperty("received").GetString().ShouldBe("hello from the official SDK ✓");
        result.GetProperty("getConnection").GetProperty("status").GetInt32().ShouldBe(200);
        result.GetProperty("deleteStatus").GetInt32().ShouldBe(204);
        result.GetProperty("gone").GetProperty("status").GetInt32().ShouldBe(410);
    }

    [Fact]
    public void Banner_NamesTheSdkEndpointsAndProtocols()
    {
        var bedrock = edge.BedrockUrl.ToString().TrimEnd('/');
        edge.Output.ShouldContain($"BedrockRuntimeClient endpoint {bedrock}");
        edge.Output.ShouldContain("HTTP/1.1 and cleartext HTTP/2 with prior knowledge");
        edge.Output.ShouldContain($"ApiGatewayManagementApiClient endpoint {edge.GatewayUrl.ToString().TrimEnd('/')}/local");
    }

    [Fact]
    public async Task Banner_PrintsTheIssuerAndACurlThatReturnsAToken()
    {
        var issuer = edge.IssuerUrl.ToString().TrimEnd('/');
        edge.Output.ShouldContain($"issuer:       {issuer}");
        edge.Output.ShouldContain($"curl -s -X POST {issuer}/tokens -H 'Content-Type: application/json' -d '{{\"sub\":\"alice\"}}'");

        using var http = new HttpClient();
        using var response = await http.PostAsync($"{issuer}/tokens", new StringContent("""{"sub":"alice"}""", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"token\":\"ey");
    }
}
