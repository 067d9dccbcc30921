using System.Text.Json.Serialization;

namespace MangaAssist.Emulators.ApiGateway.Management;

/// <summary>
/// The GetConnection answer. The wire names are camelCase (the service model's <c>jsonName</c>s, which the official
/// SDKs read); the SDKs expose them as <c>ConnectedAt</c>, <c>Identity.SourceIp</c>, <c>LastActiveAt</c>.
/// </summary>
internal sealed record ConnectionDescription(
    [property: JsonPropertyName("connectedAt")] string ConnectedAt,
    [property: JsonPropertyName("identity")] ConnectionIdentity Identity,
    [property: JsonPropertyName("lastActiveAt")] string LastActiveAt);

internal sealed record ConnectionIdentity(
    [property: JsonPropertyName("sourceIp")] string SourceIp,
    [property: JsonPropertyName("userAgent")] string UserAgent);
