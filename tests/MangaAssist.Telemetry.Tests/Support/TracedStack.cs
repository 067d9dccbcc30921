using System.Diagnostics;
using System.Text;
using MangaAssist.LocalEdge.Stack;

namespace MangaAssist.Telemetry.Tests.Support;

/// <summary>
/// The local edge with the service exporting OTLP: one <see cref="LoopbackStack"/> whose emulators
/// run in this process (as in EndToEnd.Tests' EdgeStack) and whose service runs as its own process, built in this test's
/// configuration, configured by the standard <c>OTEL_*</c> environment variables — set on that
/// process only, so nothing process-wide changes in the test host. The service reads
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> from its configuration to switch export on, but the OTLP
/// exporter itself reads the environment, so command-line settings would not reach it.
/// </summary>
public sealed class TracedStack : IAsyncDisposable
{
    private readonly LoopbackStack _emulators;
    private readonly Process _service;
    private readonly StringBuilder _serviceOutput;

    private TracedStack(LoopbackStack emulators, Process service, StringBuilder output)
    {
        _emulators = emulators;
        _service = service;
        _serviceOutput = output;
        WebSocketUrl = emulators.WebSocketUrl;
    }

    public Uri WebSocketUrl { get; }

    /// <summary>The secret the stack's gateway sends on every route call: it must never show up in telemetry.</summary>
    public string IntegrationSecret => _emulators.IntegrationSecret;

    /// <summary>A token for <paramref name="subject"/> from the stack's issuer.</summary>
    public Task<string> IssueTokenAsync(string subject) => _emulators.IssueTokenAsync(subject);

    /// <summary>Where a shopper holding <paramref name="token"/> connects.</summary>
    public Uri ConnectUri(string token) => _emulators.ConnectUri(token);

    public string ServiceOutput
    {
        get
        {
            lock (_serviceOutput)
            {
                return _serviceOutput.ToString();
            }
        }
    }

    /// <param name="redisConfiguration">The shared state's Redis, so its command spans show up.</param>
    public static async Task<TracedStack> StartAsync(Uri otlpEndpoint, string redisConfiguration)
    {
        var emulators = await new LoopbackStackBuilder()
            .UseFastModel()
            .UseLogLevel("Information")
            .UseRedis(redisConfiguration)
            .RunServiceElsewhere()
            .StartAsync();

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ServiceDll());
        foreach (var arg in emulators.Plan.Main.ServiceArgs)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint.ToString().TrimEnd('/');
        info.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        info.Environment["OTEL_BSP_SCHEDULE_DELAY"] = "100";
        info.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        info.Environment["OTEL_BLRP_SCHEDULE_DELAY"] = "100";
        // What some hosts (Aspire) set: the service must keep prompt and answer text out of telemetry regardless.
        info.Environment["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"] = "true";

        var output = new StringBuilder();
        var service = Process.Start(info)!;
        service.OutputDataReceived += (_, e) => Append(output, e.Data);
        service.ErrorDataReceived += (_, e) => Append(output, e.Data);
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        var stack = new TracedStack(emulators, service, output);
        try
        {
            await WaitUntilReadyAsync(service, new Uri(emulators.ServiceUrl, "/health/ready"), output);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static async Task WaitUntilReadyAsync(Process service, Uri ready, StringBuilder output)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (service.HasExited)
            {
                throw new InvalidOperationException($"The service exited with {service.ExitCode}: {output}");
            }

            try
            {
                if ((await http.GetAsync(ready)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The service did not become ready: {output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The service's build output in this test's configuration (the solution build puts it there).</summary>
    private static string ServiceDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var dll = Path.Combine(directory.FullName, "src", "MangaAssist.Orchestrator", "bin", configuration, "net10.0", "MangaAssist.Orchestrator.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new FileNotFoundException($"MangaAssist.Orchestrator.dll ({configuration}) was not found above {AppContext.BaseDirectory}.");
    }

    private bool _disposed;

    /// <summary>Stops everything once; a test may call it early to flush the service's exporters.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // The gateway first, so no new work arrives; then the service; then the model.
        await _emulators.Main.StopAsync();
        if (!_service.HasExited)
        {
            // SIGTERM, so the service's telemetry providers flush on the way out.
            using (var kill = Process.Start("kill", ["-TERM", _service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _service.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _service.Kill(entireProcessTree: true);
            }
        }

        _service.Dispose();
        await _emulators.DisposeAsync();
    }
}
