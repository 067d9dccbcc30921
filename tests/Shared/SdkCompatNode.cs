using System.ComponentModel;
using System.Diagnostics;

namespace MangaAssist.Tests.Shared;

/// <summary>
/// Runs a script of tests/sdk-compat (the official AWS SDK for JavaScript v3 clients) with node and returns its
/// standard output. Missing node or node_modules fail the test with what to do (CI installs both). Linked into
/// each test project that needs it, so there is one runner.
/// </summary>
internal static class SdkCompatNode
{
    public static async Task<string> RunAsync(string repositoryRoot, string script, TimeSpan limit, params string[] arguments)
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
            throw new InvalidOperationException("Node.js ('node') is not on PATH; the official-SDK tests need it (tests/run-all.sh installs it).", exception);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node {script} did not finish within {limit.TotalSeconds} s. stderr: {await stderr}");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node {script} exited with {process.ExitCode}. stderr: {await stderr} stdout: {await stdout}");
            }

            return await stdout;
        }
    }
}
