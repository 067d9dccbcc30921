using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MangaAssist.LoadTest.Users;

/// <summary>
/// What a user does when API Gateway itself fails a question's integration (the task it reached died before the
/// load balancer's health check took it out), as the client library (clients/js) does: it cannot tell which question
/// the gateway's message is about (it carries the gateway's own request id), so it resumes the one without a frame after
/// a moment, and asks it again under a fresh id when the service says it never saw it.
/// </summary>
internal static class GatewayRecovery
{
    public const string ResumeUnavailable = "resume_unavailable";

    /// <summary>The client library's pause before resuming: the load balancer needs a moment to take the dead task out.</summary>
    public static readonly TimeSpan ResumeAfter = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// API Gateway's own replies, in AWS's format: <c>{"message": "Internal server error", "connectionId":…, "requestId":…}</c>,
    /// no <c>type</c>.
    /// </summary>
    public static bool IsGatewayFailure(ReadOnlySpan<byte> message)
    {
        try
        {
            var reader = new Utf8JsonReader(message);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            string? text = null;
            var hasConnectionId = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    return false;
                }

                var isMessage = reader.ValueTextEquals("message"u8);
                hasConnectionId |= reader.ValueTextEquals("connectionId"u8);
                reader.Read();
                if (isMessage && reader.TokenType == JsonTokenType.String)
                {
                    text = reader.GetString();
                }

                reader.Skip();
            }

            return hasConnectionId && text is "Internal server error" or "Endpoint request timed out";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The resume of a question that has no frame yet.</summary>
    public static byte[] Resume(byte[] question, string requestId)
    {
        var sessionId = JsonNode.Parse(question)?["sessionId"]?.GetValue<string>();
        var resume = new JsonObject { ["action"] = "resume", ["requestId"] = requestId, ["sessionId"] = sessionId, ["afterSeq"] = -1 };
        return Encoding.UTF8.GetBytes(resume.ToJsonString());
    }

    /// <summary>The id of the question asked again: the service answers an id once per connection.</summary>
    public static string SecondAttemptId(string requestId) => requestId + "~2";

    /// <summary>The same question under another request id.</summary>
    public static byte[] WithRequestId(byte[] question, string requestId)
    {
        var node = JsonNode.Parse(question)!.AsObject();
        node["requestId"] = requestId;
        return Encoding.UTF8.GetBytes(node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
