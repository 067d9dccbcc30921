using System.Buffers;
using System.Text.Json;

namespace MangaAssist.Orchestrator.Continuity;

/// <summary>
/// What a peer needs to continue an answer whose task died: where it goes (connection), whose it is, what was
/// asked, and the trace it belongs to. Never a token: the connection's principal was validated at <c>$connect</c>.
/// Kept under the owner's keys (<c>ticket:{owner}:…</c>), so <c>forget</c> erases it.
/// </summary>
public sealed record AnswerTicket(string ConnectionId, string PrincipalId, string SessionId, string RequestId, string Route, string Message, string? TraceParent)
{
    private const int Version = 1;

    public byte[] Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (Message.Length * 3));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v"u8, Version);
            json.WriteString("c"u8, ConnectionId);
            json.WriteString("p"u8, PrincipalId);
            json.WriteString("s"u8, SessionId);
            json.WriteString("r"u8, RequestId);
            json.WriteString("a"u8, Route);
            json.WriteString("m"u8, Message);
            if (TraceParent is not null)
            {
                json.WriteString("t"u8, TraceParent);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The ticket, or null when the bytes are not one (another version, or damaged): such an answer is not taken over.</summary>
    public static AnswerTicket? Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            using var json = JsonDocument.ParseValue(ref reader);
            var root = json.RootElement;
            if (!root.TryGetProperty("v", out var version) || version.GetInt32() != Version)
            {
                return null;
            }

            return new AnswerTicket(
                Text(root, "c"), Text(root, "p"), Text(root, "s"), Text(root, "r"), Text(root, "a"), Text(root, "m"),
                root.TryGetProperty("t", out var trace) ? trace.GetString() : null);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return null;
        }
    }

    private static string Text(JsonElement root, string name) => root.GetProperty(name).GetString() ?? throw new FormatException(name);
}
