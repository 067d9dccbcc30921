namespace MangaAssist.Emulators.Bedrock.EventStream;

/// <summary>Outcome of one decode step; failures are values, as on any hot path.</summary>
public readonly record struct EventStreamDecodeResult(
    EventStreamDecodeStatus Status,
    EventStreamMessage? Message,
    int BytesConsumed,
    string? Error)
{
    public static EventStreamDecodeResult NeedMoreData { get; } = new(EventStreamDecodeStatus.NeedMoreData, null, 0, null);

    public static EventStreamDecodeResult Invalid(string error) => new(EventStreamDecodeStatus.Invalid, null, 0, error);
}
