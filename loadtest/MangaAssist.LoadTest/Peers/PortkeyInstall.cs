using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using MangaAssist.LoadTest.Stack;

namespace MangaAssist.LoadTest.Peers;

/// <summary>
/// The Portkey AI gateway from npm, pinned by <c>loadtest/peers/portkey/package-lock.json</c>. The tool installs it
/// with <c>npm ci</c> the first time (nothing else needs it, so CI never does) and starts its Node server headless.
/// </summary>
internal sealed record PortkeyInstall(string Folder)
{
    public const string Package = "@portkey-ai/gateway";

    public static PortkeyInstall At(BuildLocation build) => new(Path.Combine(build.RepositoryRoot, "loadtest", "peers", "portkey"));

    public string Server => Path.Combine(Folder, "node_modules", "@portkey-ai", "gateway", "build", "start-server.js");

    /// <summary>The installed version, from the package's own package.json (the lock pins it).</summary>
    public string Version()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "node_modules", "@portkey-ai", "gateway", "package.json")));
        return json.RootElement.GetProperty("version").GetString() ?? "?";
    }

    /// <summary>Command line of the server: <c>--headless</c> skips the web console (no page, no log stream to it).</summary>
    public IReadOnlyList<string> Arguments(int port) => [Server, $"--port={port.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "--headless"];

    /// <summary>Runs <c>npm ci</c> in the folder when the package is not installed yet.</summary>
    public async Task EnsureInstalledAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (File.Exists(Server))
        {
            return;
        }

        output.WriteLine($"installing {Package} from the lock file (npm ci --prefix {Folder})");
        var info = new ProcessStartInfo("npm") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["ci", "--prefix", Folder, "--no-audit", "--no-fund", "--loglevel=error"])
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var npm = Process.Start(info) ?? throw new LoadToolException("npm could not be started.");
            var error = npm.StandardError.ReadToEndAsync(cancellationToken);
            await npm.StandardOutput.ReadToEndAsync(cancellationToken);
            await npm.WaitForExitAsync(cancellationToken);
            if (npm.ExitCode != 0 || !File.Exists(Server))
            {
                throw new LoadToolException($"npm ci in {Folder} failed (exit {npm.ExitCode}): {(await error).Trim()}");
            }
        }
        catch (Win32Exception exception)
        {
            throw new LoadToolException($"The peer-portkey profile needs Node.js and npm on PATH to install {Package} (npm ci --prefix {Folder}).", exception);
        }
    }
}
