using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>Runs a script of tests/sdk-compat (the official AWS SDK for JavaScript v3 clients) and parses its one JSON line.</summary>
internal static class SdkCompatScript
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> RunAsync(string repositoryRoot, string script, params string[] arguments)
    {
        var directory = Path.Combine(repositoryRoot, "tests", "sdk-compat");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@aws-sdk")))
        {
            throw new InvalidOperationException($"{directory}/node_modules is missing: run 'npm ci' there (tests/run-all.sh does).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException("Node.js ('node') is not on PATH; the official-SDK tests need it.", exception);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node {script} did not finish within {Limit.TotalSeconds} s. stderr: {await stderr}");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node {script} exited with {process.ExitCode}. stderr: {await stderr} stdout: {await stdout}");
            }

            return JsonDocument.Parse(await stdout).RootElement.Clone();
        }
    }
}
