namespace MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;

/// <summary>One integration request as the backend saw it.</summary>
internal sealed record RecordedCall(string Path, string QueryString, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    public string RouteKey => Header("X-Route-Key");

    public string ConnectionId => Header("X-Connection-Id");
}
