using System.ComponentModel;
using System.Diagnostics;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;

namespace MangaAssist.Emulators.ApiGateway.Tests.SdkCompat;

/// <summary>Runs a script from tests/sdk-compat with node. Missing node or node_modules fail the test (CI installs them).</summary>
internal static class NodeScript
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static string SdkCompatDirectory() => Path.Combine(RepositoryRoot.Path, "tests", "sdk-compat");

    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        var workingDirectory = SdkCompatDirectory();
        var package = Path.Combine(workingDirectory, "node_modules", "@aws-sdk", "client-apigatewaymanagementapi");
        if (!Directory.Exists(package))
        {
            throw new InvalidOperationException(
                $"{package} is missing: run 'npm ci' in {workingDirectory} (CI does this before the tests).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
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
            throw new InvalidOperationException("Node.js ('node') is not on PATH; the SDK compatibility tests need it (CI installs it).", exception);
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

            return await stdout;
        }
    }
}
