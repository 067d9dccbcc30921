using System.Text;
using System.Text.Json;
using Amazon.Runtime.EventStreams;
using Microsoft.AspNetCore.Http;

namespace MangaAssist.Aws.Tests.Infrastructure;

/// <summary>Bedrock Runtime wire bytes, encoded with AWSSDK.Core's own event-stream codec.</summary>
internal static class BedrockWire
{
    public const string EventStreamContentType = "application/vnd.amazon.eventstream";

    public static byte[] Event(string eventType, object payload) => Message(
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload)),
        (":event-type", eventType),
        (":content-type", "application/json"),
        (":message-type", "event"));

    public static byte[] Exception(string exceptionType, string message) => Message(
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { message })),
        (":exception-type", exceptionType),
        (":content-type", "application/json"),
        (":message-type", "exception"));

    public static byte[] Message(byte[] payload, params (string Name, string Value)[] headers)
    {
        var list = new List<IEventStreamHeader>();
        foreach (var (name, value) in headers)
        {
            var header = new EventStreamHeader(name);
            header.SetString(value);
            list.Add(header);
        }

        return new EventStreamMessage(list, payload).ToByteArray();
    }

    public static byte[] MessageStart() => Event("messageStart", new { role = "assistant", p = "abcd" });

    public static byte[] Delta(string text) => Event("contentBlockDelta", new { contentBlockIndex = 0, delta = new { text }, p = "abcdefgh" });

    public static byte[] BlockStop() => Event("contentBlockStop", new { contentBlockIndex = 0, p = "ab" });

    public static byte[] MessageStop(string stopReason) => Event("messageStop", new { stopReason, p = "abc" });

    public static byte[] Metadata(int inputTokens, int outputTokens) => Event("metadata", new
    {
        usage = new { inputTokens, outputTokens, totalTokens = inputTokens + outputTokens },
        metrics = new { latencyMs = 120 },
        p = "abcdef",
    });

    public static byte[][] Answer(params string[] deltas) =>
    [
        MessageStart(),
        .. deltas.Select(Delta),
        BlockStop(),
        MessageStop("end_turn"),
        Metadata(12, deltas.Length),
    ];

    public static async Task WriteStreamAsync(HttpContext context, IEnumerable<byte[]> messages, string requestId = "req-1")
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = EventStreamContentType;
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        foreach (var message in messages)
        {
            await context.Response.Body.WriteAsync(message);
            await context.Response.Body.FlushAsync();
        }
    }

    /// <summary>An error as Bedrock sends it: status, <c>x-amzn-ErrorType</c> with its <c>:http…</c> suffix, JSON body.</summary>
    public static async Task WriteErrorAsync(HttpContext context, int status, string? errorType, string message, string? retryAfter = null, bool typeInBodyOnly = false)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-RequestId"] = "err-req";
        if (errorType is not null && !typeInBodyOnly)
        {
            context.Response.Headers["x-amzn-ErrorType"] = errorType + ":http://internal.amazon.com/coral/com.amazon.bedrock/";
        }

        if (retryAfter is not null)
        {
            context.Response.Headers["Retry-After"] = retryAfter;
        }

        object body = typeInBodyOnly ? new Dictionary<string, string> { ["__type"] = "com.amazonaws.bedrock#" + errorType, ["message"] = message } : new { message };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
