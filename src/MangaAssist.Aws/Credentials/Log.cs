using Microsoft.Extensions.Logging;

namespace MangaAssist.Aws.Credentials;

internal static partial class Log
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "AWS credentials refreshed (access key {AccessKeyPrefix}…, expires {Expiration})")]
    public static partial void CredentialsRefreshed(ILogger logger, string accessKeyPrefix, DateTimeOffset? expiration);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Refreshing AWS credentials failed; the current credentials stay in use until they expire")]
    public static partial void CredentialsRefreshFailed(ILogger logger, Exception exception);
}
