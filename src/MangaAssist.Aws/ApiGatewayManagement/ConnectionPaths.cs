namespace MangaAssist.Aws.ApiGatewayManagement;

/// <summary>
/// <c>/@connections/{connectionId}</c>; the id is one path segment, so <c>=</c>, <c>+</c> and <c>/</c> are escaped
/// (as the official SDKs do for path labels).
/// </summary>
internal static class ConnectionPaths
{
    public static string For(string connectionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        return "/@connections/" + Uri.EscapeDataString(connectionId);
    }
}
