namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>OpenSearch answered with an error status.</summary>
public sealed class OpenSearchException(int statusCode, string? errorType, string? reason)
    : Exception($"OpenSearch answered {statusCode}{(errorType is null ? string.Empty : " " + errorType)}{(reason is null ? string.Empty : ": " + reason)}")
{
    public int StatusCode { get; } = statusCode;

    public string? ErrorType { get; } = errorType;

    public string? Reason { get; } = reason;
}
