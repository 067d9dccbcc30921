using Microsoft.Playwright;

namespace MangaAssist.Page.Tests.Support;

/// <summary>
/// Debian's chromium, driven by Playwright: its own browser download cannot be reached from these machines, so the
/// tests launch <c>/usr/bin/chromium</c> (tests/run-all.sh installs it with apt) headless.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: the chat page tests need Debian's chromium. Install it with 'apt-get install -y chromium fonts-noto-cjk' (tests/run-all.sh does).");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Chromium refuses to start its sandbox as root (CI containers run as root).
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }
}
