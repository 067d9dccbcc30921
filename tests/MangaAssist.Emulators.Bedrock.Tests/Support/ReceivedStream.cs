using System.Text;
using System.Text.Json;
using AwsDecoder = Amazon.Runtime.EventStreams.Internal.EventStreamDecoder;
using AwsMessage = Amazon.Runtime.EventStreams.EventStreamMessage;

namespace MangaAssist.Emulators.Bedrock.Tests.Support;

/// <summary>One event-stream message as decoded by AWSSDK.Core, with its payload parsed.</summary>
internal sealed record ReceivedEvent(string MessageType, string? EventType, string? ExceptionType, string? ContentType, JsonElement Payload);

/// <summary>A converse-stream response read to its end with AWSSDK.Core's own decoder, and how it ended.</summary>
internal sealed record ReceivedStream(IReadOnlyList<ReceivedEvent> Events, Exception? BrokenBy)
{
    public IEnumerable<string> Deltas =>
        Events.Where(e => e.EventType == "contentBlockDelta").Select(e => e.Payload.GetProperty("delta").GetProperty("text").GetString()!);

    public string Text => string.Concat(Deltas);

    public static async Task<ReceivedStream> ReadAsync(HttpResponseMessage response)
    {
        var events = new List<ReceivedEvent>();
        var decoder = new AwsDecoder();
        decoder.MessageReceived += (_, args) => events.Add(Convert(args.Message));

        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                decoder.ProcessData(buffer, 0, read);
            }
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            return new ReceivedStream(events, exception);
        }

        return new ReceivedStream(events, null);
    }

    private static ReceivedEvent Convert(AwsMessage message)
    {
        string? Header(string name) => message.Headers.TryGetValue(name, out var header) ? header.AsString() : null;
        var payload = JsonDocument.Parse(Encoding.UTF8.GetString(message.Payload)).RootElement.Clone();
        return new ReceivedEvent(Header(":message-type")!, Header(":event-type"), Header(":exception-type"), Header(":content-type"), payload);
    }
}
