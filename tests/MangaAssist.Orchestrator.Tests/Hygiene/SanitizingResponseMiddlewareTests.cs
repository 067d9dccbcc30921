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

    [Theory]
    [InlineData(StatusCodes.Status204NoContent)]
    [InlineData(StatusCodes.Status304NotModified)]
    public async Task BodilessStatus_WritesNothing(int status)
    {
        // Kestrel refuses any write, even an empty one, to a 204 or 304 response.
        var context = new DefaultHttpContext();
        context.Response.Body = new RefusingStream();
        var sut = new SanitizingResponseMiddleware(ctx =>
        {
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "application/json";
            return Task.CompletedTask;
        }, new OutboundSanitizer());

        await sut.InvokeAsync(context);

        context.Response.StatusCode.ShouldBe(status);
    }

    private sealed class RefusingStream : MemoryStream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Writing to the response body is invalid for this status code.");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Writing to the response body is invalid for this status code.");
    }
}
