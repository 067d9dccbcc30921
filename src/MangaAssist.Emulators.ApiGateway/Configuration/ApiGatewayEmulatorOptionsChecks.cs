using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Emulators.ApiGateway.Configuration;

/// <summary>The gateway's rules beyond its DataAnnotations: addresses, the stage name, a route table that hangs together.</summary>
internal static class ApiGatewayEmulatorOptionsChecks
{
    public static void Check(ApiGatewayEmulatorOptions options, OptionsProblems problems)
    {
        if (!HttpUrls.IsAbsoluteHttp(options.ListenUrl))
        {
            problems.Add(nameof(options.ListenUrl), $"must be an absolute http:// URL (got '{options.ListenUrl}').");
        }

        if (string.IsNullOrWhiteSpace(options.Stage) || options.Stage.Contains('/') || options.Stage.StartsWith('@') || options.Stage.StartsWith('_'))
        {
            problems.Add(nameof(options.Stage), $"must be a non-empty name without '/' that does not start with '@' or '_' (got '{options.Stage}').");
        }

        if (!HttpUrls.IsAbsoluteHttp(options.IntegrationBaseUrl))
        {
            problems.Add(nameof(options.IntegrationBaseUrl), $"must be an absolute http:// or https:// URL (got '{options.IntegrationBaseUrl}').");
        }

        foreach (var url in options.IntegrationBaseUrls.Where(url => !HttpUrls.IsAbsoluteHttp(url)))
        {
            problems.Add(nameof(options.IntegrationBaseUrls), $"must hold absolute http:// or https:// URLs (got '{url}').");
        }

        foreach (var (routeKey, path) in options.EffectiveRoutes)
        {
            if (string.IsNullOrWhiteSpace(routeKey))
            {
                problems.Add(nameof(options.Routes), "contains an empty route key.");
            }

            if (string.IsNullOrEmpty(path) || !path.StartsWith('/'))
            {
                problems.Add($"{nameof(options.Routes)}:{routeKey}", $"must be an integration path starting with '/' (got '{path}').");
            }
        }

        foreach (var routeKey in options.TwoWayRoutes)
        {
            if (!options.EffectiveRoutes.ContainsKey(routeKey))
            {
                problems.Add(nameof(options.TwoWayRoutes), $"names '{routeKey}', which is not in the route table.");
            }
        }

        foreach (var (target, source) in options.EffectiveConnectRequestParameters)
        {
            if (source.Length > 0 && !RequestParameterMapping.TryParse(target, source, out _))
            {
                problems.Add(
                    $"{nameof(options.ConnectRequestParameters)}:{target}",
                    $"must map 'integration.request.header.<Name>' from 'route.request.querystring.<name>' or 'route.request.header.<name>' (got '{source}').");
            }
        }

        var health = options.TargetHealth;
        if (health.Enabled && !health.Path!.StartsWith('/'))
        {
            problems.Add($"{nameof(options.TargetHealth)}:{nameof(health.Path)}", $"must be a path starting with '/' (got '{health.Path}').");
        }

        if (health.Timeout >= health.Interval)
        {
            problems.Add($"{nameof(options.TargetHealth)}:{nameof(health.Timeout)}", $"must be shorter than the interval ({health.Interval}), as for an ALB (got {health.Timeout}).");
        }

        if (!RouteSelectionExpression.TryParse(options.RouteSelectionExpression, out _))
        {
            problems.Add(nameof(options.RouteSelectionExpression), $"must look like '$request.body.action' or '$request.body.a.b' (got '{options.RouteSelectionExpression}').");
        }
    }
}
