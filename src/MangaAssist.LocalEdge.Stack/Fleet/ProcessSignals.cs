using System.Runtime.InteropServices;

namespace MangaAssist.LocalEdge.Stack.Fleet;

/// <summary>POSIX signals for a process id: .NET can kill a process but cannot ask it to stop (SIGTERM).</summary>
internal static class ProcessSignals
{
    public const int Terminate = 15;
    public const int Kill = 9;

    /// <summary>Sends <paramref name="signal"/>; false when the process is gone already.</summary>
    public static bool Send(int processId, int signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException("Service processes are signalled with POSIX signals (Linux, macOS).");
        }

        return NativeMethods.kill(processId, signal) == 0;
    }

    // DllImport rather than LibraryImport: two ints need no marshalling, and the project needs no unsafe code.
    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int kill(int pid, int sig);
    }
}
