using System.Text;

namespace MangaAssist.Emulators.ApiGateway.Connections;

/// <summary>The messages API Gateway itself sends to a client, byte-for-byte in AWS's format.</summary>
internal static class ClientReplies
{
    public const string Forbidden = "Forbidden";
    public const string InternalServerError = "Internal server error";
    public const string EndpointRequestTimedOut = "Endpoint request timed out";

    // Ids are base64url, so they need no JSON escaping.
    public static byte[] Create(string message, string connectionId, string requestId) =>
        Encoding.UTF8.GetBytes($$"""{"message": "{{message}}", "connectionId":"{{connectionId}}", "requestId":"{{requestId}}"}""");
}
