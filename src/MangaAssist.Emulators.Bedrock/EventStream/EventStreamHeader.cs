namespace MangaAssist.Emulators.Bedrock.EventStream;

/// <summary>A named header of an event-stream message. Names are UTF-8, at most 255 bytes.</summary>
public sealed record EventStreamHeader(string Name, EventStreamHeaderValue Value);
