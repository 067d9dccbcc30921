using System.Net;
using System.Text.Json;
using MangaAssist.Page.Tests.Support;
using Shouldly;

namespace MangaAssist.Page.Tests;

/// <summary>The page's static site as LocalEdge serves it: the right files with the right headers, nothing else.</summary>
[Collection(PageStackCollection.Name)]
public sealed class ChatPageSiteTests(PageStackFixture fixture)
{
    private HttpClient Http => fixture.Stack.Http;

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/i18n/ja.js", "text/javascript")]
    [InlineData("/lib/client/index.js", "text/javascript")]
    [InlineData("/styles.css", "text/css")]
    [InlineData("/icon.svg", "image/svg+xml")]
    [InlineData("/config.json", "application/json")]
    public async Task EveryFileThePageLoads_IsServedWithItsContentTypeAndAStrictPolicy(string path, string contentType)
    {
        using var response = await Http.GetAsync(new Uri(fixture.Stack.PageUrl, path));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(contentType);
        var policy = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        policy.ShouldContain("script-src 'self';");
        policy.ShouldContain("frame-ancestors 'none'");
        policy.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Theory]
    [InlineData("/i18n/")]
    [InlineData("/lib/client/")]
    [InlineData("/package.json")]
    [InlineData("/serve.mjs")]
    [InlineData("/test/markdown.test.js")]
    [InlineData("/lib/client/..%2F..%2Findex.html")]
    [InlineData("/..%2F..%2F..%2FOrchestrator.sln")]
    [InlineData("/%2e%2e/%2e%2e/MangaAssist.LocalEdge.Stack.dll")]
    [InlineData("/MangaAssist.LocalEdge.Stack.dll")]
    public async Task DirectoriesPackageFilesTestsAndPathsOutsideTheSite_AreNotFound(string path)
    {
        using var response = await Http.GetAsync(new Uri(fixture.Stack.PageUrl.ToString().TrimEnd('/') + path, UriKind.Absolute));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ConfigJson_NamesTheStacksGatewayAndTokenIssuer()
    {
        var config = JsonDocument.Parse(await Http.GetStringAsync(new Uri(fixture.Stack.PageUrl, "/config.json"))).RootElement;

        config.GetProperty("gatewayUrl").GetString().ShouldBe(fixture.Stack.Stack.WebSocketUrl.ToString());
        config.GetProperty("tokenEndpoint").GetString().ShouldBe(new Uri(fixture.Stack.Stack.IssuerUrl, "/tokens").ToString());
        config.GetProperty("tokenRequest").GetProperty("guest").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData("issuer", "/tokens")]
    [InlineData("service", "/v1/guest-tokens")]
    public async Task TokenEndpoints_AllowThePageOriginAndNoOther(string host, string path)
    {
        var url = new Uri(host == "issuer" ? fixture.Stack.Stack.IssuerUrl : fixture.Stack.Stack.ServiceUrl, path);
        var pageOrigin = fixture.Stack.PageUrl.GetLeftPart(UriPartial.Authority);

        using var allowed = await PreflightAsync(url, pageOrigin);
        using var refused = await PreflightAsync(url, "http://shop.evil.example");

        allowed.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([pageOrigin]);
        allowed.Headers.GetValues("Access-Control-Allow-Methods").ShouldBe(["POST"]);
        refused.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    private async Task<HttpResponseMessage> PreflightAsync(Uri url, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return await Http.SendAsync(request);
    }
}
