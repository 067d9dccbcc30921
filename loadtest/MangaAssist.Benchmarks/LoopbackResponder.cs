using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MangaAssist.Benchmarks;

/// <summary>
/// A minimal HTTP/1.1 keep-alive responder on loopback for the post benchmark: blocking socket calls on its own
/// threads with preallocated buffers, so in steady state it allocates nothing and the memory diagnoser (which counts
/// every thread of the process) sees the client's allocations only. Answers every request 200 with an empty body.
/// </summary>
internal sealed class LoopbackResponder : IDisposable
{
    private static readonly byte[] Ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public LoopbackResponder()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/local");
        new Thread(Accept) { IsBackground = true, Name = "loopback-accept" }.Start();
    }

    public Uri BaseAddress { get; }

    public void Dispose() => _listener.Dispose();

    private void Accept()
    {
        try
        {
            while (true)
            {
                var client = _listener.Accept();
                new Thread(() => Serve(client)) { IsBackground = true }.Start();
            }
        }
        catch (SocketException)
        {
            // Disposed.
        }
        catch (ObjectDisposedException)
        {
            // Disposed.
        }
    }

    private static void Serve(Socket client)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        using (client)
        {
            try
            {
                while (true)
                {
                    var read = client.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                    // Answer each complete request (headers plus Content-Length bytes) in the buffer.
                    while (TryComplete(buffer.AsSpan(0, filled), out var length))
                    {
                        client.Send(Ok);
                        buffer.AsSpan(length, filled - length).CopyTo(buffer);
                        filled -= length;
                    }
                }
            }
            catch (SocketException)
            {
                // The client's pool closed the connection (end of a benchmark).
            }
        }
    }

    private static bool TryComplete(ReadOnlySpan<byte> data, out int length)
    {
        length = 0;
        var end = data.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return false;
        }

        var headers = data[..end];
        var body = 0;
        var at = headers.IndexOf("Content-Length: "u8);
        if (at >= 0)
        {
            var digits = headers[(at + 16)..];
            for (var i = 0; i < digits.Length && digits[i] is >= (byte)'0' and <= (byte)'9'; i++)
            {
                body = (body * 10) + (digits[i] - '0');
            }
        }

        length = end + 4 + body;
        return data.Length >= length;
    }
}
