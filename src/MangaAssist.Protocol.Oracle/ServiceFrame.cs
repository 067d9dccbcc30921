using System.Text.Json;

namespace MangaAssist.Protocol.Oracle;

/// <summary>The fields of a service frame (docs/protocol.md) that the oracle and its users read.</summary>
/// <param name="Cached">A <c>done</c> frame's <c>cached</c>: true when the answer was replayed from the response cache.</param>
public readonly record struct ServiceFrame(string? Type, string? RequestId, long? Seq, string? Text, string? Code, int? RetryAfterMs = null, bool? Cached = null)
{
    public bool IsTerminal => Type is "done" or "error";

    /// <summary>Reads one frame; false when it is not a JSON object (nested objects such as <c>usage</c> are skipped).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out ServiceFrame frame)
    {
        frame = default;
        string? type = null, requestId = null, text = null, code = null;
        long? seq = null;
        int? retryAfterMs = null;
        bool? cached = null;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    type = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("requestId"u8))
                {
                    requestId = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("seq"u8))
                {
                    reader.Read();
                    seq = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : null;
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    text = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("code"u8))
                {
                    code = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("retryAfterMs"u8))
                {
                    reader.Read();
                    retryAfterMs = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var ms) ? ms : null;
                }
                else if (reader.ValueTextEquals("cached"u8))
                {
                    reader.Read();
                    cached = reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        frame = new ServiceFrame(type, requestId, seq, text, code, retryAfterMs, cached);
        return true;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }
}
