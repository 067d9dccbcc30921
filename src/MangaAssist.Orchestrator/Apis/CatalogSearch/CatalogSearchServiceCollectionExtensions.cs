using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.ServiceDefaults.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MangaAssist.Orchestrator.Apis.CatalogSearch;

public static class CatalogSearchServiceCollectionExtensions
{
    /// <summary><c>GET /v1/catalog/search</c>'s options, cursor signer and metrics (the endpoint is MapCatalogSearch).</summary>
    public static IServiceCollection AddCatalogSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CatalogSearchOptions>(configuration, CatalogSearchOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CursorSigner>();
        services.TryAddSingleton<CatalogSearcher>();
        services.TryAddSingleton<CatalogResponses>();
        services.TryAddSingleton<CatalogTelemetry>();
        return services;
    }
}
