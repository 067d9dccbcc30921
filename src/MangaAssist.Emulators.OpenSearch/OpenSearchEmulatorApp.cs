using MangaAssist.Emulators.OpenSearch.Api;
using MangaAssist.Emulators.OpenSearch.Diagnostics;
using MangaAssist.Emulators.OpenSearch.Engine;

namespace MangaAssist.Emulators.OpenSearch;

/// <summary>
/// Composition of the OpenSearch stand-in: the REST subset MangaAssist's client uses (index with mapping, _bulk,
/// _search with bool / term / terms / range / match / multi_match / knn / hybrid and the normalization pipeline),
/// with OpenSearch's status codes and error bodies, over an in-memory engine. The same app runs standalone and in tests.
/// </summary>
public static class OpenSearchEmulatorApp
{
    /// <summary>Where it listens unless <c>--urls</c> says otherwise: OpenSearch's own port, on loopback.</summary>
    public const string DefaultUrl = "http://127.0.0.1:9200";

    /// <exception cref="OpenSearchEmulatorRefusedException">The environment is Production.</exception>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(OpenSearchEmulatorApp).Assembly.GetName().Name,
        });
        if (builder.Environment.IsProduction())
        {
            throw new OpenSearchEmulatorRefusedException();
        }

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Bulk bodies of the whole catalog with 1,024-dimension vectors are tens of megabytes.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 256L * 1024 * 1024);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IndexStore>();
        builder.Services.AddSingleton<SearchLedger>();

        var app = builder.Build();
        app.Use(ApiResponses.HandleErrorsAsync);
        app.MapClusterApi();
        app.MapIndexApi();
        app.MapBulkApi();
        app.MapSearchApi();
        app.Lifetime.ApplicationStarted.Register(() => Log.Started(app.Logger, string.Join(", ", app.Urls)));
        return app;
    }

    /// <summary>The searches the started stand-in answered (hit ids only), for tests that follow an answer to its source.</summary>
    public static SearchLedger GetSearchLedger(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<SearchLedger>();
    }
}
