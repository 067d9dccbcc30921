using MangaAssist.Emulators.Bedrock.EventStream;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>The pre-encoded header blocks of every ConverseStream event and exception, built once per process.</summary>
internal static class ConverseStreamEvents
{
    public static readonly byte[] MessageStart = Event("messageStart");
    public static readonly byte[] ContentBlockDelta = Event("contentBlockDelta");
    public static readonly byte[] ContentBlockStop = Event("contentBlockStop");
    public static readonly byte[] MessageStop = Event("messageStop");
    public static readonly byte[] Metadata = Event("metadata");

    public static readonly byte[] ModelStreamErrorException = Exception("modelStreamErrorException");
    public static readonly byte[] ThrottlingException = Exception("throttlingException");
    public static readonly byte[] InternalServerException = Exception("internalServerException");
    public static readonly byte[] ServiceUnavailableException = Exception("serviceUnavailableException");

    private static byte[] Event(string eventType) => EventStreamEncoder.EncodeHeaders(
    [
        new(":event-type", EventStreamHeaderValue.FromString(eventType)),
        new(":content-type", EventStreamHeaderValue.FromString("application/json")),
        new(":message-type", EventStreamHeaderValue.FromString("event")),
    ]);

    private static byte[] Exception(string exceptionType) => EventStreamEncoder.EncodeHeaders(
    [
        new(":exception-type", EventStreamHeaderValue.FromString(exceptionType)),
        new(":content-type", EventStreamHeaderValue.FromString("application/json")),
        new(":message-type", EventStreamHeaderValue.FromString("exception")),
    ]);
}
