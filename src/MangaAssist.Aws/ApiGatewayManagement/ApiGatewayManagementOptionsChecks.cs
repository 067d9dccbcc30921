using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Aws.ApiGatewayManagement;

/// <summary>The management endpoint is a stage URL: absolute http(s), no query or fragment.</summary>
internal static class ApiGatewayManagementOptionsChecks
{
    public static void Check(ApiGatewayManagementOptions options, OptionsProblems problems)
    {
        if (options.Endpoint is null)
        {
            return;
        }

        if (!HttpUrls.IsAbsoluteHttp(options.Endpoint))
        {
            problems.Add(nameof(options.Endpoint), $"'{options.Endpoint}' must be an absolute http:// or https:// address.");
        }
        else if (!string.IsNullOrEmpty(options.Endpoint.Query) || !string.IsNullOrEmpty(options.Endpoint.Fragment))
        {
            problems.Add(nameof(options.Endpoint), $"'{options.Endpoint}' must not carry a query or fragment.");
        }
    }
}
