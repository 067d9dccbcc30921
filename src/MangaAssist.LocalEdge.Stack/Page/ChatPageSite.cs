using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace MangaAssist.LocalEdge.Stack.Page;

/// <summary>
/// The chat page as a static site: clients/web at <c>/</c>, clients/js/src at <c>/lib/client/</c> (the layout a
/// static deployment uses), copied into the build output under <see cref="FolderName"/>, and a generated
/// <c>config.json</c> naming the local gateway and token endpoint. Only GET and HEAD of files that exist; no listing.
/// </summary>
public static class ChatPageSite
{
    /// <summary>The folder next to the assemblies that holds the page (see the Content items of this project).</summary>
    public const string FolderName = "chat-page";

    /// <param name="listenUrl">Where Kestrel listens (<c>http://127.0.0.1:8081</c> for LocalEdge).</param>
    public static WebApplication Create(Uri listenUrl, ChatPageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(listenUrl);
        ArgumentNullException.ThrowIfNull(settings);
        var root = Path.Combine(AppContext.BaseDirectory, FolderName);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            throw new DirectoryNotFoundException($"The chat page is missing from {root}; build the project that references MangaAssist.LocalEdge.Stack.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(listenUrl.ToString());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();

        var headers = ChatPageHeaders.For(settings);
        app.Use((context, next) =>
        {
            headers.ApplyTo(context.Response.Headers);
            return next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = new PhysicalFileProvider(root) });
        // The provider refuses paths that climb out of the root; unknown extensions are not served at all.
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root), ServeUnknownFileTypes = false });
        var config = ChatPageConfig.From(settings);
        app.MapGet("/config.json", () => TypedResults.Json(config));
        return app;
    }
}
