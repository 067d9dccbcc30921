namespace MangaAssist.Orchestrator.Hygiene;

/// <summary>
/// Puts every JSON HTTP response of the service (problem details, health reports) through the
/// <see cref="OutboundSanitizer"/>, the same gate the WebSocket frames pass. Bodies here are small,
/// so buffering them costs nothing that matters.
/// </summary>
public sealed class SanitizingResponseMiddleware(RequestDelegate next, OutboundSanitizer sanitizer)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        // 204 and 304 carry no body (Kestrel refuses even an empty write for them), and nothing written needs no write.
        if (buffer.Length == 0 || context.Response.StatusCode is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
        {
            return;
        }

        ReadOnlyMemory<byte> body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (context.Response.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            body = sanitizer.Sanitize(body);
            context.Response.ContentLength = body.Length;
        }

        await original.WriteAsync(body, context.RequestAborted);
    }
}
