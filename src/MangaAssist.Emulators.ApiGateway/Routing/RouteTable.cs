using MangaAssist.Emulators.ApiGateway.Configuration;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.ApiGateway.Routing;

/// <summary>Selects the route of a client message the way API Gateway does: expression match, else <c>$default</c>.</summary>
internal sealed class RouteTable
{
    private readonly Dictionary<string, GatewayRoute> _routes;
    private readonly RouteSelectionExpression _expression;

    public RouteTable(IOptions<ApiGatewayEmulatorOptions> options)
    {
        var settings = options.Value;
        var twoWay = new HashSet<string>(settings.TwoWayRoutes, StringComparer.Ordinal);
        _routes = settings.EffectiveRoutes.ToDictionary(
            pair => pair.Key,
            pair => new GatewayRoute(pair.Key, pair.Value, twoWay.Contains(pair.Key)),
            StringComparer.Ordinal);
        if (!RouteSelectionExpression.TryParse(settings.RouteSelectionExpression, out var expression))
        {
            throw new InvalidOperationException($"Invalid route selection expression '{settings.RouteSelectionExpression}'.");
        }

        _expression = expression;
    }

    public GatewayRoute? Connect => Find(RouteTableDefaults.Connect);

    public GatewayRoute? Disconnect => Find(RouteTableDefaults.Disconnect);

    /// <summary>The route for a message, or null when nothing matches and no <c>$default</c> route exists.</summary>
    public GatewayRoute? Select(ReadOnlyMemory<byte> body)
    {
        var key = _expression.Evaluate(body);
        if (key is not null && !IsSpecialRouteKey(key) && _routes.TryGetValue(key, out var route))
        {
            return route;
        }

        return Find(RouteTableDefaults.Default);
    }

    private GatewayRoute? Find(string key) => _routes.GetValueOrDefault(key);

    // A message cannot select $connect or $disconnect by naming them.
    private static bool IsSpecialRouteKey(string key) =>
        key is RouteTableDefaults.Connect or RouteTableDefaults.Disconnect;
}
