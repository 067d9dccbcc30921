namespace MangaAssist.Emulators.ApiGateway.Routing;

/// <summary>One route: its key, the integration path on the service, and whether it has a route response.</summary>
internal sealed record GatewayRoute(string Key, string IntegrationPath, bool TwoWay);
