using MangaAssist.Aws.Extensions;
using MangaAssist.Orchestrator.Apis;
using MangaAssist.Orchestrator.Apis.CatalogSearch;
using MangaAssist.Orchestrator.Continuity;
using MangaAssist.Orchestrator.Extensions;
using MangaAssist.Orchestrator.Hygiene;
using MangaAssist.Orchestrator.Jobs;
using MangaAssist.Retrieval.Extensions;
using MangaAssist.SharedState.Extensions;

namespace MangaAssist.Orchestrator;

/// <summary>
/// The composition root. <c>Program</c> runs it; LocalEdge and the end-to-end tests build the
/// very same application on loopback.
/// </summary>
public static class OrchestratorApp
{
    /// <summary>Default listen address when neither <c>--urls</c> nor ASPNETCORE_URLS is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Create(string[] args) => Create(args, configure: null);

    /// <param name="args">Command line: <c>--urls</c> and any <c>--Section:Key=value</c> setting.</param>
    /// <param name="configure">A last word on the builder before it is built (tests swap the <see cref="TimeProvider"/> here).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddServiceDefaults();
        builder.Services.AddAwsCredentials(builder.Configuration.GetSection("Aws:Credentials"));
        builder.Services.AddBedrockRuntime(builder.Configuration.GetSection("Bedrock"));
        builder.Services.AddApiGatewayManagement(builder.Configuration.GetSection("ApiGatewayManagement"));
        builder.Services.AddProductRetrieval(builder.Configuration.GetSection("Retrieval"));
        builder.Services.AddSharedState(builder.Configuration);
        builder.Services.AddChatOrchestration(builder.Configuration);
        builder.Services.AddAnalysisJobs(builder.Configuration);
        builder.Services.AddAnswerContinuity(builder.Configuration);
        builder.Services.AddGuestTokenCors();
        builder.Services.AddCatalogSearch(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseMiddleware<SanitizingResponseMiddleware>();
        app.UseCors();
        app.MapDefaultEndpoints();
        app.MapGatewayRoutes();
        app.MapShopperApi();
        app.MapCatalogSearch();
        app.MapAnalysesApi();
        return app;
    }
}
