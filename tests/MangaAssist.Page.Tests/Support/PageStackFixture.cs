using Microsoft.Playwright;

namespace MangaAssist.Page.Tests.Support;

/// <summary>One stack, one page site and one headless chromium for the browser tests of a collection.</summary>
public sealed class PageStackFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private PageStack? _stack;

    public PageStack Stack => _stack ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
        _stack = await PageStack.StartAsync();
    }

    /// <summary>A fresh browser tab on <paramref name="stack"/>'s page (a new shopper: own storage, own guest token).</summary>
    public async Task<ChatPage> OpenAsync(PageStack stack, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 900, Height = 1000 },
        });
        return await ChatPage.OpenAsync(context, stack.PageUrl);
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PageStackCollection : ICollectionFixture<PageStackFixture>
{
    public const string Name = "chat page on the loopback stack";
}
