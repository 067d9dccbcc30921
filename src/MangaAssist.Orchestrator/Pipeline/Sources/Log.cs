namespace MangaAssist.Orchestrator.Pipeline.Sources;

/// <summary>The answer sources' log lines. Ids only: answer text never goes to the logs.</summary>
internal static partial class Log
{
    [LoggerMessage(1702, LogLevel.Warning, "Shared answers unavailable for request {RequestId} ({Error}); answering on its own")]
    public static partial void SharedAnswersUnavailable(ILogger logger, string requestId, string error);

    [LoggerMessage(1704, LogLevel.Information, "Request {RequestId}: shared answer ended ({Reason}) after {Chars} characters; continuing on its own")]
    public static partial void SharedAnswerBroke(ILogger logger, string requestId, string reason, int chars);
}
