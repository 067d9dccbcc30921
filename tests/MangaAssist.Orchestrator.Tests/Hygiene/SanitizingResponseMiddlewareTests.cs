using System.Text;
using MangaAssist.Orchestrator.Hygiene;
using Microsoft.AspNetCore.Http;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Hygiene;

public sealed class SanitizingResponseMiddlewareTests
{
    private static async Task<string> RunAsync(string contentType, string body)
    {
        var context = new DefaultHttpContext();
        var output = new MemoryStream();
        context.Response.Body = output;
        var sut = new SanitizingResponseMiddleware(async ctx =>
        {
            ctx.Response.ContentType = contentType;
            await ctx.Response.WriteAsync(body);
        }, new OutboundSanitizer());

        await sut.InvokeAsync(context);

        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task JsonResponse_LosesForbiddenFields()
    {
        var body = await RunAsync("application/problem+json", """{"title":"Bad","debug":{"sql":"x"},"embedding":[0.1,0.2],"detail":"d"}""");

        body.ShouldBe("""{"title":"Bad","detail":"d"}""");
    }

    [Fact]
    public async Task NonJsonResponse_IsPassedThroughUnchanged()
    {
        (await RunAsync("text/plain", "Healthy debug")).ShouldBe("Healthy debug");
    }
}
