using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MangaAssist.LocalEdge.Stack;

/// <summary>Loopback addresses for the stack's listeners.</summary>
public static class LoopbackPorts
{
    // Below Linux's ephemeral range (32768–60999 by default): a port the OS hands out for bind(0) is also what every
    // outgoing connection of a parallel test run draws from, so one could take it between our check and our bind.
    private const int LowestPort = 20000;
    private const int HighestPort = 32767;
    private const int Attempts = 64;

    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    /// <summary>A port nothing listens on right now; a stack started on free ports never disturbs a LocalEdge left running.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var port = Random.Shared.Next(LowestPort, HighestPort + 1);
            if (HandedOut.TryAdd(port, 0) && IsFree(port))
            {
                return port;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary><c>http://127.0.0.1:port</c> on a free port.</summary>
    public static Uri FreeUrl() => new($"http://127.0.0.1:{Free()}");

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
