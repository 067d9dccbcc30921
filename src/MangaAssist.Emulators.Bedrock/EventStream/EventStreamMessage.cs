namespace MangaAssist.Emulators.Bedrock.EventStream;

/// <summary>One decoded or to-be-encoded event-stream message: ordered headers and an opaque payload.</summary>
public sealed record EventStreamMessage(IReadOnlyList<EventStreamHeader> Headers, ReadOnlyMemory<byte> Payload)
{
    public EventStreamHeaderValue? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.Ordinal))?.Value;
}
