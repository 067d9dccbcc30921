using System.Text.Json;

namespace MangaAssist.Emulators.Bedrock.Errors;

/// <summary>Writes an error the way the restJson1 protocol expects it, so the AWS SDKs raise the right exception class.</summary>
internal static class BedrockErrorWriter
{
    private const string ErrorTypeNamespace = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

    public static async Task WriteAsync(HttpContext context, BedrockError error)
    {
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        response.ContentType = "application/json";
        response.Headers["x-amzn-ErrorType"] = error.Type + ErrorTypeNamespace;
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
