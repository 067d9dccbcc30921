using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using MangaAssist.Page.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MangaAssist.AppHost.Tests;

/// <summary>
/// What the README promises a newcomer: start the app host, chat on the page, open the dashboard and find the chat's
/// trace across both service instances. The test does exactly that in headless chromium and saves the trace view as
/// the README's screenshot (docs/images/apphost-trace.png).
/// </summary>
public sealed class AppHostDashboardTests
{
    private const float Patience = 90_000;

    [Fact]
    public async Task ChatOnThePage_ItsTraceInTheDashboardSpansBothInstances()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MangaAssist_AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true }, [], patience.Token);
        await using var app = await builder.BuildAsync(patience.Token);
        await app.StartAsync(patience.Token);
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        foreach (var resource in (string[])["orchestrator-1", "orchestrator-2", "apigateway-emulator", "chat-page"])
        {
            await notifications.WaitForResourceHealthyAsync(resource, patience.Token);
        }

        var dashboard = await app.GetDashboardUrlAsync(patience.Token);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        // A shopper on the page asks twice; the gateway hands the two messages to the two instances in turn.
        await using (var shopper = await browser.NewContextAsync(new() { Locale = "en-US" }))
        {
            var page = await shopper.NewPageAsync();
            var console = new List<string>();
            page.Console += (_, message) => console.Add(message.Text);
            page.PageError += (_, error) => console.Add(error);
            await page.GotoAsync(app.GetEndpoint("chat-page", "http").ToString());
            try
            {
                await page.WaitForFunctionAsync("() => window.mangaAssistChat?.connection() === 'open'", null, new() { Timeout = Patience });
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException("The page never connected: " + string.Join(" | ", console));
            }
            for (var i = 0; i < 2; i++)
            {
                await page.GetByTestId("message-input").FillAsync(i == 0 ? "Recommend a shonen manga [[tokens:12]]" : "And a fantasy one? [[tokens:12]]");
                await page.GetByTestId("message-input").PressAsync("Enter");
                await page.WaitForFunctionAsync(
                    "i => { const a = document.querySelectorAll('[data-testid=answer]')[i]; return a && a.getAttribute('aria-busy') === 'false'; }",
                    i,
                    new() { Timeout = Patience });
            }
        } // closing the page closes its socket, which ends the connection's span

        // The operator: the dashboard's trace list, the chat's connection trace (the gateway's socket), its detail.
        await using var operatorContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 3000 } });
        var operatorPage = await operatorContext.NewPageAsync();
        await operatorPage.GotoAsync(dashboard.ToString());
        var traceId = await FindTraceIdAsync(operatorPage, new Uri(dashboard, "/traces"), "apigateway-emulator: GET /", patience.Token);
        // The start-up catalog embedding runs unsampled: no trace of thousands of embedding calls per replica.
        (await operatorPage.Locator("td[title^='Name: orchestrator-1: POST\\A'], td[title^='Name: orchestrator-2: POST\\A']").CountAsync())
            .ShouldBe(0, "no start-up embedding trace");
        await operatorPage.GotoAsync(new Uri(dashboard, $"/traces/detail/{traceId}").ToString());
        foreach (var service in (string[])["orchestrator-1", "orchestrator-2", "bedrock-emulator", "apigateway-emulator"])
        {
            // A span row of the trace's grid names its resource: both instances took part in this one connection's trace.
            await operatorPage.Locator("[role=gridcell]").Filter(new() { HasText = service }).First.WaitForAsync(new() { Timeout = Patience });
        }

        await operatorPage.Locator("[role=gridcell]").Filter(new() { HasText = "chat sendMessage" }).First.WaitForAsync(new() { Timeout = Patience });
        var path = RepositoryRoot.ScreenshotPath("apphost-trace.png");
        // The span grid scrolls inside the page, so the tall viewport is what shows both chats of the trace.
        await operatorPage.ScreenshotAsync(new() { Path = path });
        new FileInfo(path).Length.ShouldBeGreaterThan(20_000);
    }

    /// <summary>Reloads the trace list until a trace whose root has <paramref name="name"/> shows, and reads its id.</summary>
    private static async Task<string> FindTraceIdAsync(IPage page, Uri traces, string name, CancellationToken cancellationToken)
    {
        var cell = page.Locator($"td[title^='Name: {name}\\A']"); // \A: the newline after the name, in CSS
        for (var attempt = 0; ; attempt++)
        {
            await page.GotoAsync(traces.ToString());
            try
            {
                await cell.First.WaitForAsync(new() { Timeout = 5_000 });
                var title = await cell.First.GetAttributeAsync("title") ?? "";
                return title[(title.IndexOf("Trace Id: ", StringComparison.Ordinal) + "Trace Id: ".Length)..].Trim();
            }
            catch (TimeoutException) when (attempt < 20)
            {
                // The connection's span is exported when the socket closes; the batch exporter sends it within seconds.
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
