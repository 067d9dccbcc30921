using System.Diagnostics;
using System.Net.Sockets;
using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.LocalEdge.Stack;

namespace MangaAssist.EndToEnd.Tests.Analyses;

/// <summary>The S3 stand-in (s3rver from tests/sdk-compat) on a free loopback port with a fresh directory.</summary>
public sealed class S3rverProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private S3rverProcess(Process process, string directory, Uri url)
    {
        _process = process;
        _directory = directory;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<S3rverProcess> StartAsync()
    {
        var url = LoopbackPorts.FreeUrl();
        var directory = Directory.CreateTempSubdirectory("mangaassist-s3rver-").FullName;
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            Path.Combine(LocalEdgeProcess.RepositoryRoot(), "tests", "sdk-compat", "node_modules", "s3rver", "bin", "s3rver.js"),
            "--directory", directory, "--address", "127.0.0.1", "--port", url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start s3rver.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new S3rverProcess(process, directory, url);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", url.Port);
                return server;
            }
            catch (SocketException) when (!process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("s3rver did not start listening (run npm ci --prefix tests/sdk-compat).");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
