using System.Text.Json;

namespace MangaAssist.Emulators.Bedrock.Errors;

/// <summary>Writes an error the way the restJson1 protocol expects it, so the AWS SDKs raise the right exception class.</summary>
internal static class BedrockErrorWriter
{
    private const string ErrorTypeNamespace = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

    /// <param name="context">The request to answer.</param>
    /// <param name="error">The error to answer with.</param>
    /// <param name="retryAfterSeconds">Sent as <c>Retry-After</c> when the error is a 429 or a 503.</param>
    public static async Task WriteAsync(HttpContext context, BedrockError error, int? retryAfterSeconds = null)
    {
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        response.ContentType = "application/json";
        response.Headers["x-amzn-ErrorType"] = error.Type + ErrorTypeNamespace;
        if (retryAfterSeconds is { } seconds && error.StatusCode is 429 or 503)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        RequestIds.Ensure(context);

        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, BedrockJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
