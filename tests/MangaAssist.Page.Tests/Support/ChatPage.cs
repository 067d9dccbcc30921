using System.Text.Json;
using Microsoft.Playwright;

namespace MangaAssist.Page.Tests.Support;

/// <summary>The chat page in one browser tab, driven the way a shopper uses it (type, Enter) and read through its test ids.</summary>
public sealed class ChatPage : IAsyncDisposable
{
    /// <summary>Long enough for a stack on a busy 2-core machine; no test asserts speed.</summary>
    public static readonly float Patience = 60_000;

    private readonly IBrowserContext _context;

    private ChatPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            Dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        page.PageError += (_, error) => PageErrors.Add(error);
    }

    public IPage Page { get; }

    /// <summary>Every alert/confirm/prompt the page opened (a script that ran).</summary>
    public List<string> Dialogs { get; } = [];

    /// <summary>Uncaught exceptions in the page.</summary>
    public List<string> PageErrors { get; } = [];

    public ILocator Input => Page.GetByTestId("message-input");

    public ILocator Answers => Page.GetByTestId("answer");

    public ILocator UserMessages => Page.GetByTestId("user-message");

    public static async Task<ChatPage> OpenAsync(IBrowserContext context, Uri url)
    {
        var page = await context.NewPageAsync();
        var chat = new ChatPage(context, page);
        await page.GotoAsync(url.ToString());
        await page.WaitForFunctionAsync("() => window.mangaAssistChat?.connection() === 'open'", null, new() { Timeout = Patience });
        return chat;
    }

    /// <summary>Types the question and presses Enter, as a shopper does.</summary>
    public async Task AskAsync(string question)
    {
        await Input.FillAsync(question);
        await Input.PressAsync("Enter");
    }

    /// <summary>Waits until answer <paramref name="index"/> (0-based) has ended, and returns its end state.</summary>
    public async Task<string> WaitForEndAsync(int index)
    {
        var answer = Answers.Nth(index);
        await answer.WaitForAsync(new() { Timeout = Patience });
        await Page.WaitForFunctionAsync(
            "i => { const a = document.querySelectorAll('[data-testid=answer]')[i]; return a && a.getAttribute('aria-busy') === 'false'; }",
            index,
            new() { Timeout = Patience });
        return (await answer.GetAttributeAsync("data-state"))!;
    }

    /// <summary>The raw text the page assembled for each answer (before markdown), through its read-only test hook.</summary>
    public async Task<IReadOnlyList<string>> AnswerTextsAsync()
    {
        var answers = await Page.EvaluateAsync<JsonElement>("() => window.mangaAssistChat.answers()");
        return answers.EnumerateArray().Select(a => a.GetProperty("text").GetString()!).ToList();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
