using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using MangaAssist.LoadTest.Cli;
using MangaAssist.LoadTest.Peers;
using MangaAssist.LocalEdge.Stack;
using MangaAssist.LocalEdge.Stack.Fleet;
using MangaAssist.LoadTest.Redis;

namespace MangaAssist.LoadTest.Stack;

/// <summary>
/// The local stack started as separate processes from its Release (or Debug) build: either the
/// Bedrock emulator, the token issuer, the service and the gateway emulator as four processes (with the command
/// lines of a <see cref="LoopbackStackPlan"/>, the wiring LocalEdge and the tests use), or one LocalEdge
/// process. Ports are free loopback ports, so a LocalEdge a developer left running is not disturbed.
/// The cache profile also starts its own <c>redis-server</c> (no persistence) and points the service at it.
/// </summary>
internal sealed partial class StartedStack : IAsyncDisposable
{
    private readonly List<(string Name, Process Process)> _processes = [];
    private readonly StreamWriter _log;

    private StartedStack(string logPath, Uri gateway, Uri bedrock, Uri service, Uri issuer)
    {
        LogPath = logPath;
        GatewayUrl = gateway;
        BedrockUrl = bedrock;
        ServiceUrl = service;
        IssuerUrl = issuer;
        _log = new StreamWriter(logPath) { AutoFlush = true };
    }

    public string LogPath { get; }

    public Uri GatewayUrl { get; }

    public Uri BedrockUrl { get; }

    public Uri ServiceUrl { get; }

    /// <summary>The development token issuer the service trusts; each virtual shopper's token comes from it.</summary>
    public Uri IssuerUrl { get; }

    public Uri WebSocketUrl => new($"ws://{GatewayUrl.Authority}/");

    /// <summary>The started Portkey gateway (peer-portkey profile), or null.</summary>
    public Uri? PortkeyUrl { get; private set; }

    /// <summary>The started Portkey gateway's package version, or null.</summary>
    public string? PortkeyVersion { get; private set; }

    /// <summary>The port of the started <c>redis-server</c> on 127.0.0.1, or null when none was started.</summary>
    public int? RedisPort { get; private set; }

    /// <summary>Process id per name: "service", "bedrock-emulator", "gateway-emulator", "token-issuer", or "local-edge" (all four); "redis-server" when started.</summary>
    public IReadOnlyDictionary<string, int> Pids =>
        _processes.ToDictionary(p => p.Name, p => p.Process.Id).Concat(_services.Select(s => KeyValuePair.Create(s.Name, s.ProcessId))).ToDictionary();

    /// <summary>Description of the started processes for the report.</summary>
    public string Description { get; private set; } = "";

    public static async Task<StartedStack> StartAsync(LoadOptions options, string logPath, CancellationToken cancellationToken)
    {
        var build = BuildLocation.Find();
        var portkey = options.Profile.PeerComparison ? PortkeyInstall.At(build) : null;
        if (portkey is not null)
        {
            await portkey.EnsureInstalledAsync(Console.Out, cancellationToken);
        }

        var gateway = LoopbackPorts.FreeUrl();
        var bedrock = LoopbackPorts.FreeUrl();
        var service = LoopbackPorts.FreeUrl();
        var issuer = LoopbackPorts.FreeUrl();
        var stack = new StartedStack(logPath, gateway, bedrock, service, issuer);
        try
        {
            // Room for every answer of a run in the transcript ring, so each done text can be checked.
            string[] common = [$"--Logging:LogLevel:Default={options.StackLogLevel}", "--BedrockEmulator:TranscriptCapacity=16384", .. options.StackArgs];
            string[] redis = [];
            if (options.Profile.Cache || options.Fleet is not null)
            {
                var port = await stack.StartRedisAsync(cancellationToken);
                redis = [$"--Redis:Configuration=127.0.0.1:{port}"];
            }

            if (options.Fleet is { } fleet)
            {
                await stack.StartFleetAsync(build, fleet, common, redis, cancellationToken);
            }
            else if (options.Stack == StackMode.LocalEdge)
            {
                stack.Start("local-edge", build.Dll("MangaAssist.LocalEdge"), [
                    $"--GatewayUrl={gateway}", $"--BedrockUrl={bedrock}", $"--ServiceUrl={service}", $"--IssuerUrl={issuer}", .. common, .. redis]);
                stack.Description = $"one LocalEdge process ({build.Configuration}): service, both emulators and the token issuer share its CPU and memory figures";
            }
            else
            {
                var plan = new LoopbackStackBuilder().UseUrls(bedrock, service, gateway).UseIssuerUrl(issuer).ForAll(common).ForService(redis).Plan();
                stack.Start("bedrock-emulator", build.Dll("MangaAssist.Emulators.Bedrock"), plan.BedrockArgs);
                stack.Start("token-issuer", build.Dll("MangaAssist.Emulators.TokenIssuer"), plan.IssuerArgs);
                stack.Start("service", build.Dll("MangaAssist.Orchestrator"), plan.Main.ServiceArgs);
                stack.Start("gateway-emulator", build.Dll("MangaAssist.Emulators.ApiGateway"), plan.Main.GatewayArgs);
                stack.Description = $"four processes ({build.Configuration} build): service, Bedrock emulator, API Gateway emulator, token issuer";
            }

            if (portkey is not null)
            {
                var port = LoopbackPorts.Free();
                stack.Start("portkey", "node", null, portkey.Arguments(port));
                stack.PortkeyUrl = new Uri($"http://127.0.0.1:{port}/");
                stack.PortkeyVersion = portkey.Version();
                stack.Description += $"; Portkey AI gateway {stack.PortkeyVersion} (Node {NodeVersion()}, one process, headless) on the same Bedrock emulator";
            }

            if (stack.RedisPort is { } redisPort)
            {
                stack.Description += $"; redis-server {stack.RedisVersion} on 127.0.0.1:{redisPort} (no persistence), the service's Redis:Configuration";
            }

            await stack.WaitUntilReadyAsync(cancellationToken);
            await stack.WaitForHealthyTargetsAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private string RedisVersion { get; set; } = "";

    private static string NodeVersion()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            var version = node?.StandardOutput.ReadToEnd().Trim();
            node?.WaitForExit();
            return string.IsNullOrEmpty(version) ? "?" : version;
        }
        catch (Win32Exception)
        {
            return "?";
        }
    }

    /// <summary>
    /// Starts <c>redis-server --port P --save '' --appendonly no</c> on a free loopback port and waits for PING.
    /// </summary>
    private async Task<int> StartRedisAsync(CancellationToken cancellationToken)
    {
        var port = LoopbackPorts.Free();
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            Start("redis-server", "redis-server", null, ["--port", portText, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"]);
        }
        catch (Win32Exception exception)
        {
            throw new LoadToolException(
                "The cache profile starts its own redis-server, and none was found on PATH. Install it (apt-get install -y redis-server), " +
                "or measure a running stack that has Redis with --target.", exception);
        }

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var process = _processes[^1].Process;
            if (process.HasExited)
            {
                throw new LoadToolException($"redis-server exited with code {process.ExitCode} on port {port}; see {LogPath}.");
            }

            try
            {
                await using var client = await RespClient.ConnectAsync("127.0.0.1", port, cancellationToken);
                if (await client.CommandAsync(cancellationToken, "PING") == "PONG")
                {
                    var server = RedisInfo.Fields(await client.InfoAsync("server", cancellationToken) ?? "");
                    RedisVersion = server.GetValueOrDefault("redis_version", "?");
                    RedisPort = port;
                    return port;
                }
            }
            catch (Exception exception) when (exception is SocketException or IOException)
            {
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new LoadToolException($"redis-server on port {port} did not answer PING within 10 s; see {LogPath}.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private void Start(string name, string dll, IEnumerable<string> args) => Start(name, "dotnet", dll, args);

    private void Start(string name, string executable, string? dll, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dll is not null)
        {
            info.ArgumentList.Add(dll);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll ?? executable}.");
        process.OutputDataReceived += (_, e) => WriteLog(name, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLog(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((name, process));
    }

    private void WriteLog(string name, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine($"[{name}] {line}");
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        Uri[] probes =
        [
            new(ServiceUrl, "/health/ready"), new(BedrockUrl, "/_emulator/stats"), new(GatewayUrl, "/_emulator/stats"),
            new(IssuerUrl, "/.well-known/openid-configuration"),
            .. PortkeyUrl is { } portkey ? [portkey] : Array.Empty<Uri>(),
        ];
        var deadline = Stopwatch.StartNew();
        foreach (var probe in probes)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var exited = _processes.FirstOrDefault(p => p.Process.HasExited);
                if (exited.Process is not null)
                {
                    throw new InvalidOperationException($"{exited.Name} exited with code {exited.Process.ExitCode} while starting; see {LogPath}.");
                }

                try
                {
                    using var response = await http.GetAsync(probe, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }

                if (deadline.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new TimeoutException($"{probe} did not answer within 60 s; see {LogPath}.");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Stops the processes gracefully (SIGTERM: gateway first, then the service, then the model, then Redis), killing any that linger.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopFleetAsync();
        foreach (var (_, process) in Enumerable.Reverse(_processes))
        {
            if (process.HasExited)
            {
                continue;
            }

            try
            {
                using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(25));
                await process.WaitForExitAsync(patience.Token);
            }
            catch (Exception) when (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        foreach (var (_, process) in _processes)
        {
            process.Dispose();
        }

        await _log.DisposeAsync();
    }
}
