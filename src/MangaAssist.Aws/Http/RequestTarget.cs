namespace MangaAssist.Aws.Http;

/// <summary>
/// Where a request goes: the percent-encoded path SigV4 signs (with the endpoint's base path and the query) and the
/// absolute <see cref="System.Uri"/> it is sent to. Built once per destination and reused, since parsing a Uri and
/// concatenating the path cost several allocations per request.
/// </summary>
internal sealed record RequestTarget(string Path, string Query, Uri Uri);
