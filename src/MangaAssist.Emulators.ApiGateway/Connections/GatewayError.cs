using System.Text.Json;

namespace MangaAssist.Emulators.ApiGateway.Connections;

/// <summary>API Gateway's plain error answer to an HTTP request: a status and <c>{"message": …}</c>.</summary>
internal static class GatewayError
{
    public static Task Write(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { message }));
    }
}
