using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MangaAssist.LocalEdge.Stack;

namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>
/// The built LocalEdge program as its own process, started as the README's run command starts it: no arguments,
/// the default ports, and only where a default port is taken (another run, another test) a free one through the
/// <c>LOCALEDGE_*</c> variables the program reads.
/// </summary>
public sealed class LocalEdgeProcess : IAsyncLifetime
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    public Uri BedrockUrl { get; } = DefaultOrFree(8090);

    public Uri GatewayUrl { get; } = DefaultOrFree(8080);

    public Uri ServiceUrl { get; } = DefaultOrFree(5080);

    public Uri IssuerUrl { get; } = DefaultOrFree(8070);

    public Uri PageUrl { get; } = DefaultOrFree(8081);

    /// <summary>Everything the program printed so far, for assertions on its banner and for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(LocalEdgeAssembly());
        SetIfNotDefault(start, "BedrockUrl", BedrockUrl, 8090);
        SetIfNotDefault(start, "GatewayUrl", GatewayUrl, 8080);
        SetIfNotDefault(start, "ServiceUrl", ServiceUrl, 5080);
        SetIfNotDefault(start, "IssuerUrl", IssuerUrl, 8070);
        SetIfNotDefault(start, "PageUrl", PageUrl, 8081);

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start LocalEdge.");
        _process.OutputDataReceived += (_, line) => Collect(line.Data);
        _process.ErrorDataReceived += (_, line) => Collect(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_ready.Task, exited, Task.Delay(StartLimit));
        if (first != _ready.Task)
        {
            throw new InvalidOperationException(
                $"LocalEdge did not print its banner ({(first == exited ? $"exited with {_process.ExitCode}" : "timed out")}). Output:\n{Output}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        using (_process)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (line.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private static void SetIfNotDefault(ProcessStartInfo start, string key, Uri url, int defaultPort)
    {
        if (url.Port != defaultPort)
        {
            start.Environment[$"LOCALEDGE_{key}"] = url.ToString().TrimEnd('/');
        }
    }

    private static Uri DefaultOrFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return new Uri($"http://127.0.0.1:{port}");
        }
        catch (SocketException)
        {
            return LoopbackPorts.FreeUrl();
        }
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Orchestrator.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The LocalEdge build of the same configuration as this test assembly (bin/{configuration}/{tfm}/).</summary>
    private static string LocalEdgeAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var path = Path.Combine(RepositoryRoot(), "src", "MangaAssist.LocalEdge", "bin", configuration, framework, "MangaAssist.LocalEdge.dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build src/MangaAssist.LocalEdge ({configuration}) first.");
    }
}
