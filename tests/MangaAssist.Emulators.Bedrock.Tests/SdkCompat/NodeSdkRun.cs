using System.Diagnostics;
using System.Text.Json;
using MangaAssist.Emulators.Bedrock.Tests.Support;

namespace MangaAssist.Emulators.Bedrock.Tests.SdkCompat;

/// <summary>
/// Starts the emulator (HTTP/2 cleartext, as the JS SDK's Bedrock Runtime client speaks by default) and runs
/// <c>node tests/sdk-compat/bedrock.mjs &lt;endpoint&gt; all</c> once; the tests read its JSON.
/// Missing node or node_modules is a failure, not a skip: CI installs them.
/// </summary>
public sealed class NodeSdkRun : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public JsonElement Results { get; private set; }

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot.Find();
        var sdkCompat = Path.Combine(root, "tests", "sdk-compat");
        var sdkPackage = Path.Combine(sdkCompat, "node_modules", "@aws-sdk", "client-bedrock-runtime", "package.json");
        if (!File.Exists(sdkPackage))
        {
            throw new InvalidOperationException($"The official AWS SDK is not installed: {sdkPackage} is missing. Run `npm ci` in {sdkCompat}.");
        }

        await using var emulator = await RunningEmulator.StartAsync("HttpProtocols=Http2");
        Results = JsonDocument.Parse(await RunNodeAsync(sdkCompat, emulator.BaseAddress.ToString().TrimEnd('/'), "all")).RootElement.Clone();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public JsonElement Scenario(string name) =>
        Results.TryGetProperty(name, out var result) ? result : throw new InvalidOperationException($"bedrock.mjs printed no result for '{name}'.");

    internal static async Task<string> RunNodeAsync(string workingDirectory, string endpoint, string scenario)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("bedrock.mjs");
        start.ArgumentList.Add(endpoint);
        start.ArgumentList.Add(scenario);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("Node.js is required for the official-SDK compatibility tests but `node` was not found on PATH.", exception);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node bedrock.mjs {scenario} did not finish within {Limit.TotalSeconds} s. stderr: {await stderr}");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node bedrock.mjs {scenario} exited with {process.ExitCode}. stderr: {await stderr}");
            }

            return await stdout;
        }
    }
}
