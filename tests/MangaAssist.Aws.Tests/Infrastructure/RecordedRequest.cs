using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MangaAssist.Aws.Tests.Infrastructure;

/// <summary>What a loopback server received, copied out of the request.</summary>
internal sealed record RecordedRequest(string Method, string RawTarget, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public static async Task<RecordedRequest> CaptureAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        return new RecordedRequest(
            context.Request.Method,
            context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            context.Request.ContentType,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray());
    }
}
