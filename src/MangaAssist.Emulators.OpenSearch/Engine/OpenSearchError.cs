namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>
/// An error OpenSearch answers with <c>{"error":{"root_cause":[…],"type","reason"},"status"}</c>: the type and
/// status are OpenSearch's own for the same mistake, so clients branch on them as they would against a cluster.
/// </summary>
internal sealed class OpenSearchError : Exception
{
    public OpenSearchError(int status, string type, string reason, string? index = null)
        : base(reason)
    {
        Status = status;
        Type = type;
        Index = index;
    }

    public OpenSearchError()
        : this(500, "exception", "unknown error")
    {
    }

    public OpenSearchError(string message)
        : this(500, "exception", message)
    {
    }

    public OpenSearchError(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
        Type = "exception";
    }

    public int Status { get; }

    public string Type { get; }

    public string? Index { get; }

    public static OpenSearchError IndexNotFound(string index) => new(404, "index_not_found_exception", $"no such index [{index}]", index);

    public static OpenSearchError Parsing(string reason) => new(400, "parsing_exception", reason);

    public static OpenSearchError ContentParse(string reason) => new(400, "x_content_parse_exception", reason);

    public static OpenSearchError IllegalArgument(string reason) => new(400, "illegal_argument_exception", reason);
}
