using MangaAssist.Aws.DependencyInjection;

namespace MangaAssist.Aws.ApiGatewayManagement;

internal sealed class ApiGatewayManagementOptionsValidator : OptionsValidatorBase<ApiGatewayManagementOptions>
{
    protected override string DisplayName => "ApiGatewayManagement";

    protected override void Check(ApiGatewayManagementOptions options, Action<string, string> fail)
    {
        CheckEndpoint(options.Endpoint, nameof(options.Endpoint), fail);
        if (options.Endpoint is { IsAbsoluteUri: true } endpoint && (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment)))
        {
            fail(nameof(options.Endpoint), $"'{endpoint}' must not carry a query or fragment.");
        }
    }
}
