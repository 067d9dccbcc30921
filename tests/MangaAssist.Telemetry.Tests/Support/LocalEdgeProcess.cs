using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MangaAssist.LocalEdge.Stack;

namespace MangaAssist.Telemetry.Tests.Support;

/// <summary>
/// The one-command local run (<c>dotnet MangaAssist.LocalEdge.dll</c>) as its own process on free loopback ports,
/// exporting OTLP to <paramref name="otlpEndpoint"/> through the standard <c>OTEL_*</c> variables; its console output
/// (the service's JSON lines and the emulators' console lines) is kept line by line.
/// </summary>
internal sealed class LocalEdgeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private bool _disposed;

    private LocalEdgeProcess(Process process, Uri serviceUrl, Uri gatewayUrl, Uri issuerUrl)
    {
        _process = process;
        ServiceUrl = serviceUrl;
        GatewayUrl = gatewayUrl;
        IssuerUrl = issuerUrl;
        WebSocketUrl = new Uri($"ws://{gatewayUrl.Authority}/");
    }

    /// <summary>The development token issuer LocalEdge starts; a socket needs one of its tokens.</summary>
    public Uri IssuerUrl { get; }

    /// <summary>The gateway's socket address for a shopper, with a fresh token from the run's issuer.</summary>
    public async Task<Uri> ConnectUriAsync(string subject)
    {
        using var issuer = new DevTokenClient(IssuerUrl);
        var token = await issuer.IssueTokenAsync(subject);
        return new Uri($"{WebSocketUrl}?token={Uri.EscapeDataString(token)}");
    }

    public Uri ServiceUrl { get; }

    public Uri GatewayUrl { get; }

    public Uri WebSocketUrl { get; }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public static LocalEdgeProcess Start(Uri otlpEndpoint, params IEnumerable<string> args)
    {
        var (bedrock, service, gateway, issuer) = (LoopbackPorts.FreeUrl(), LoopbackPorts.FreeUrl(), LoopbackPorts.FreeUrl(), LoopbackPorts.FreeUrl());
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Repository.Dll("MangaAssist.LocalEdge"));
        foreach (var arg in (string[])[$"--BedrockUrl={bedrock}", $"--ServiceUrl={service}", $"--GatewayUrl={gateway}", $"--IssuerUrl={issuer}", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint.ToString().TrimEnd('/');
        info.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        info.Environment["OTEL_BSP_SCHEDULE_DELAY"] = "100";
        info.Environment["OTEL_BLRP_SCHEDULE_DELAY"] = "100";
        info.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "500";

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var edge = new LocalEdgeProcess(process, service, gateway, issuer);
        process.OutputDataReceived += (_, e) => edge.Append(e.Data);
        process.ErrorDataReceived += (_, e) => edge.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return edge;
    }

    /// <summary>Polls <c>/health/ready</c> as a load balancer does, from the moment the process starts, until it answers 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan patience)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"LocalEdge exited with {_process.ExitCode}: {string.Join('\n', Lines)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(ServiceUrl, "/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            if (waited.Elapsed > patience)
            {
                throw new TimeoutException($"LocalEdge was not ready after {patience.TotalSeconds:0} s: {string.Join('\n', Lines)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the gateway has made the <c>$disconnect</c> integration call of a closed socket, so a stop does not race it.</summary>
    public async Task WaitForDisconnectAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(GatewayUrl, "/_emulator/stats")));
            if (stats.RootElement.GetProperty("integrationCalls").TryGetProperty("$disconnect", out _))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The gateway made no $disconnect integration call within 10 s.");
    }

    /// <summary>SIGTERM, so every app drains and flushes its exporters; killed if it takes longer than 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
