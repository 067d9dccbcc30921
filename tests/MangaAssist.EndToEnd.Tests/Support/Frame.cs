using System.Text.Json;

namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>One service frame as the client received it.</summary>
public sealed record Frame(string Type, string? RequestId, long Seq, int Bytes, string Raw, JsonElement Json)
{
    /// <summary>When the client received the frame (a Stopwatch timestamp), for ordering across sockets.</summary>
    public long ReceivedAt { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public bool IsTerminal => Type is "done" or "error";

    public string? Text => Json.TryGetProperty("text", out var text) ? text.GetString() : null;

    public string? Code => Json.TryGetProperty("code", out var code) ? code.GetString() : null;

    public bool? Partial => Json.TryGetProperty("partial", out var partial) ? partial.GetBoolean() : null;

    public bool? Retryable => Json.TryGetProperty("retryable", out var retryable) ? retryable.GetBoolean() : null;

    public string? Str(string name) => Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static Frame Parse(string raw, int bytes)
    {
        using var document = JsonDocument.Parse(raw);
        var root = document.RootElement.Clone();
        var requestId = root.TryGetProperty("requestId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        var seq = root.TryGetProperty("seq", out var s) ? s.GetInt64() : -1;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        return new Frame(type, requestId, seq, bytes, raw, root);
    }
}
