using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace MangaAssist.LocalEdge.Stack.S3;

/// <summary>
/// The local S3 stand-in for analysis results: <c>s3rver</c> (npm, installed in tests/sdk-compat by
/// <c>npm ci --prefix tests/sdk-compat</c>) run by node on loopback, with a fresh directory per run.
/// </summary>
public sealed class S3rverSidecar : IAsyncDisposable
{
    /// <summary>The bucket the service is configured to use.</summary>
    public const string Bucket = "mangaassist-results";

    private readonly Process _process;
    private readonly string _directory;

    private S3rverSidecar(Process process, string directory, Uri url)
    {
        _process = process;
        _directory = directory;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The service settings that store large results in this s3rver (it accepts only its own keys).</summary>
    public IReadOnlyList<string> ServiceArgs =>
    [
        $"--S3:Bucket={Bucket}", $"--S3:ServiceUrl={Url}", "--S3:ForcePathStyle=true", "--S3:CreateBucket=true",
        "--S3:AccessKeyId=S3RVER", "--S3:SecretAccessKey=S3RVER",
    ];

    /// <summary>Starts s3rver on <paramref name="url"/>; null (and why) when node or s3rver is missing or it does not listen.</summary>
    public static async Task<(S3rverSidecar? Sidecar, string? Problem)> TryStartAsync(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var script = FindScript();
        if (script is null)
        {
            return (null, "s3rver is not installed (npm ci --prefix tests/sdk-compat)");
        }

        var directory = Directory.CreateTempSubdirectory("mangaassist-s3rver-").FullName;
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, "--directory", directory, "--address", url.Host, "--port", url.Port.ToString(CultureInfo.InvariantCulture), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Directory.Delete(directory, recursive: true);
            return (null, "node is not on PATH");
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var sidecar = new S3rverSidecar(process, directory, url);
        for (var attempt = 0; attempt < 200 && !process.HasExited; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(url.Host, url.Port);
                return (sidecar, null);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await sidecar.DisposeAsync();
        return (null, $"s3rver did not listen on {url}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }

    /// <summary>s3rver's entry script under the repository's tests/sdk-compat, found from the running program upwards.</summary>
    private static string? FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var script = Path.Combine(directory.FullName, "tests", "sdk-compat", "node_modules", "s3rver", "bin", "s3rver.js");
            if (File.Exists(script))
            {
                return script;
            }
        }

        return null;
    }
}
