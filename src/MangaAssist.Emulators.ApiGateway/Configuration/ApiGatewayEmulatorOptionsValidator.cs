using MangaAssist.Emulators.ApiGateway.Routing;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.ApiGateway.Configuration;

/// <summary>Checks the whole configuration at start-up and reports every problem at once.</summary>
internal sealed class ApiGatewayEmulatorOptionsValidator : IValidateOptions<ApiGatewayEmulatorOptions>
{
    private const string Section = ApiGatewayEmulatorOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ApiGatewayEmulatorOptions options)
    {
        var failures = new List<string>();

        if (!IsHttpUrl(options.ListenUrl))
        {
            failures.Add($"{Section}:ListenUrl must be an absolute http:// URL (got '{options.ListenUrl}').");
        }

        if (string.IsNullOrWhiteSpace(options.Stage) || options.Stage.Contains('/') || options.Stage.StartsWith('@') || options.Stage.StartsWith('_'))
        {
            failures.Add($"{Section}:Stage must be a non-empty name without '/' that does not start with '@' or '_' (got '{options.Stage}').");
        }

        if (!IsHttpUrl(options.IntegrationBaseUrl))
        {
            failures.Add($"{Section}:IntegrationBaseUrl must be an absolute http:// or https:// URL (got '{options.IntegrationBaseUrl}').");
        }

        foreach (var (routeKey, path) in options.EffectiveRoutes)
        {
            if (string.IsNullOrWhiteSpace(routeKey))
            {
                failures.Add($"{Section}:Routes contains an empty route key.");
            }

            if (string.IsNullOrEmpty(path) || !path.StartsWith('/'))
            {
                failures.Add($"{Section}:Routes:{routeKey} must be an integration path starting with '/' (got '{path}').");
            }
        }

        foreach (var routeKey in options.TwoWayRoutes)
        {
            if (!options.EffectiveRoutes.ContainsKey(routeKey))
            {
                failures.Add($"{Section}:TwoWayRoutes names '{routeKey}', which is not in the route table.");
            }
        }

        if (!RouteSelectionExpression.TryParse(options.RouteSelectionExpression, out _))
        {
            failures.Add($"{Section}:RouteSelectionExpression must look like '$request.body.action' or '$request.body.a.b' (got '{options.RouteSelectionExpression}').");
        }

        AddIfNotPositive(failures, "IntegrationTimeout", options.IntegrationTimeout);
        AddIfNotPositive(failures, "IdleTimeout", options.IdleTimeout);
        AddIfNotPositive(failures, "MaxConnectionDuration", options.MaxConnectionDuration);

        if (options.MaxMessageBytes <= 0)
        {
            failures.Add($"{Section}:MaxMessageBytes must be positive (got {options.MaxMessageBytes}).");
        }

        if (options.FrameBytes < 4)
        {
            failures.Add($"{Section}:FrameBytes must be at least 4, the longest UTF-8 character (got {options.FrameBytes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void AddIfNotPositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{key} must be a positive duration such as '00:00:29' (got {value}).");
        }
    }
}
