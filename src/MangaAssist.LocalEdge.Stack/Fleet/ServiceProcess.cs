using System.Diagnostics;
using System.Globalization;

namespace MangaAssist.LocalEdge.Stack.Fleet;

/// <summary>
/// The built service as its own OS process (Linux, macOS): started from a <see cref="ServiceProcessStart"/>, ready
/// once its <c>/health/ready</c> answers 200, its output kept in a <see cref="BoundedOutput"/>. It can be killed
/// (SIGKILL), stopped (SIGTERM) and restarted on the same address. Disposing kills it, and a watchdog kills it
/// when the process that started it dies without disposing, so a crashed test run leaves no service behind.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    // sh runs the service in the background, prints its pid, and waits for it (so its exit code is the service's).
    // A watchdog reads the wrapper's stdin, which only this process writes: at EOF (disposed, or this process died)
    // it SIGKILLs the service. Its own output goes nowhere, so our readers see EOF when the service exits.
    private const string Wrapper =
        "exec 3<&0; \"$0\" \"$@\" </dev/null 3<&- & c=$!; echo \"" + PidPrefix + "$c\"; " +
        "{ while read -r _; do :; done; kill -KILL $c 2>/dev/null; } <&3 >/dev/null 2>&1 & wait $c";

    private const string PidPrefix = "service-pid:";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private Process? _wrapper;
    private TaskCompletionSource<int> _pid = NewPid();

    private ServiceProcess(ServiceProcessStart start)
    {
        Start = start;
        Output = new BoundedOutput(start.OutputLines);
    }

    public ServiceProcessStart Start { get; }

    public string Name => Start.Name;

    public Uri ServiceUrl => Start.ServiceUrl;

    /// <summary>The service's process id (not the wrapper's): for CPU and memory sampling, and for signals.</summary>
    public int ProcessId { get; private set; }

    /// <summary>The last lines the service printed, stdout and stderr interleaved.</summary>
    public BoundedOutput Output { get; }

    public bool HasExited => _wrapper is null || _wrapper.HasExited;

    /// <summary>The service's exit code once it exited (137 after SIGKILL); null while it runs.</summary>
    public int? ExitCode => _wrapper is { HasExited: true } wrapper ? wrapper.ExitCode : null;

    /// <summary>Starts the service and returns once it is ready.</summary>
    /// <exception cref="InvalidOperationException">It exited or was not ready in time; the message has its last output.</exception>
    public static async Task<ServiceProcess> StartAsync(ServiceProcessStart start, CancellationToken cancellationToken = default)
    {
        var process = new ServiceProcess(start);
        try
        {
            await process.LaunchAsync(cancellationToken);
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, as a crashed task or an out-of-memory kill: no shutdown code runs. Does not wait.</summary>
    public void Kill()
    {
        if (!HasExited)
        {
            ProcessSignals.Send(ProcessId, ProcessSignals.Kill);
        }
    }

    /// <summary>
    /// SIGTERM, as ECS stops a task: the service drains and exits. Waits up to <paramref name="patience"/> (default 60 s),
    /// then kills it (as ECS does after its stop timeout). Returns the exit code.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan? patience = null, CancellationToken cancellationToken = default)
    {
        var wrapper = _wrapper ?? throw new InvalidOperationException($"{Name} was never started.");
        if (!wrapper.HasExited)
        {
            ProcessSignals.Send(ProcessId, ProcessSignals.Terminate);
            if (!await WaitForExitAsync(patience ?? TimeSpan.FromSeconds(60), cancellationToken))
            {
                Kill();
                await wrapper.WaitForExitAsync(cancellationToken);
            }
        }

        return wrapper.ExitCode;
    }

    /// <summary>Waits for the service to exit; false when it still runs after <paramref name="patience"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan patience, CancellationToken cancellationToken = default)
    {
        var wrapper = _wrapper ?? throw new InvalidOperationException($"{Name} was never started.");
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(patience);
        try
        {
            await wrapper.WaitForExitAsync(bound.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Stops the service (SIGTERM, bounded) if it runs, then starts it again on the same address and waits for readiness.</summary>
    public async Task RestartAsync(TimeSpan? terminatePatience = null, CancellationToken cancellationToken = default)
    {
        if (!HasExited)
        {
            await TerminateAsync(terminatePatience, cancellationToken);
        }

        CloseWrapper();
        Output.Add($"--- {Name} restarted ---");
        await LaunchAsync(cancellationToken);
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200 and Healthy (Degraded, no Redis yet, is accepted after half the patience).</summary>
    /// <exception cref="InvalidOperationException">The service exited, or was not ready within the patience; the message has its last output.</exception>
    public async Task WaitUntilReadyAsync(TimeSpan patience, CancellationToken cancellationToken = default)
    {
        var waited = Stopwatch.StartNew();
        var last = "no answer yet";
        var ready = new Uri(ServiceUrl, "/health/ready");
        while (true)
        {
            if (HasExited)
            {
                throw Failure($"exited with code {ExitCode} before it was ready");
            }

            try
            {
                using var response = await Http.GetAsync(ready, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                // "Degraded" is ready without Redis yet: a task that serves before its first Redis connection cannot see
                // connections signed in on its peers, so wait for it a while (half the patience), as a warm-up would.
                if (response.IsSuccessStatusCode && (body != "Degraded" || waited.Elapsed > patience / 2))
                {
                    return;
                }

                last = $"{(int)response.StatusCode}: {body}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A busy machine can be slower than the probe's own timeout: not ready yet, ask again.
                last = "no answer within the probe's timeout";
            }

            if (waited.Elapsed > patience)
            {
                throw Failure($"was not ready after {patience.TotalSeconds:0} s (last answer {last})");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_wrapper is { HasExited: false } wrapper)
        {
            wrapper.Kill(entireProcessTree: true);
            await wrapper.WaitForExitAsync();
        }

        CloseWrapper();
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var assembly = Start.ServiceAssembly ?? ServiceBinaries.ServiceAssembly();
        var info = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-c", Wrapper, ServiceBinaries.DotnetHost(), assembly, .. Start.Args])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in Start.Environment)
        {
            info.Environment[key] = value;
        }

        _pid = NewPid();
        var wrapper = Process.Start(info) ?? throw new InvalidOperationException($"/bin/sh did not start {Name}.");
        _wrapper = wrapper;
        wrapper.OutputDataReceived += (_, line) => Collect(line.Data);
        wrapper.ErrorDataReceived += (_, line) => Collect(line.Data);
        wrapper.BeginOutputReadLine();
        wrapper.BeginErrorReadLine();
        ProcessId = await _pid.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await WaitUntilReadyAsync(Start.ReadinessPatience, cancellationToken);
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith(PidPrefix, StringComparison.Ordinal) && !_pid.Task.IsCompleted)
        {
            _pid.TrySetResult(int.Parse(line.AsSpan(PidPrefix.Length), CultureInfo.InvariantCulture));
            return;
        }

        Output.Add(line);
    }

    private void CloseWrapper()
    {
        if (_wrapper is null)
        {
            return;
        }

        // Closing its stdin is what lets the watchdog go; the service has exited by now.
        _wrapper.Dispose();
        _wrapper = null;
    }

    private InvalidOperationException Failure(string what) =>
        new($"The service process {Name} (pid {ProcessId}, {ServiceUrl}) {what}. Its last output:\n{Output}");

    private static TaskCompletionSource<int> NewPid() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
