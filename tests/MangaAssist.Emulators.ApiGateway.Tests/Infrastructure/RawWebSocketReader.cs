using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;

/// <summary>
/// A WebSocket client over a bare TCP socket that reports the frames exactly as they arrive on the wire,
/// which <see cref="System.Net.WebSockets.ClientWebSocket"/> cannot (it may split or join reads).
/// </summary>
internal sealed class RawWebSocketReader : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly Stream _stream;

    private RawWebSocketReader(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawWebSocketReader> ConnectAsync(Uri address, string pathAndQuery)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Guard.Token());
        var reader = new RawWebSocketReader(tcp);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var handshake =
            $"GET {pathAndQuery} HTTP/1.1\r\nHost: {address.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await reader._stream.WriteAsync(Encoding.ASCII.GetBytes(handshake), Guard.Token());
        var response = await reader.ReadHttpHeadAsync();
        if (!response.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Upgrade refused: {response}");
        }

        return reader;
    }

    /// <summary>Reads frames until one has FIN set; returns each frame's opcode, FIN flag and payload.</summary>
    public async Task<IReadOnlyList<(int Opcode, bool Fin, byte[] Payload)>> ReadMessageFramesAsync()
    {
        var frames = new List<(int, bool, byte[])>();
        while (true)
        {
            var head = await ReadExactlyAsync(2);
            var fin = (head[0] & 0x80) != 0;
            var opcode = head[0] & 0x0F;
            long length = head[1] & 0x7F;
            if (length == 126)
            {
                length = BinaryPrimitives.ReadUInt16BigEndian(await ReadExactlyAsync(2));
            }
            else if (length == 127)
            {
                length = (long)BinaryPrimitives.ReadUInt64BigEndian(await ReadExactlyAsync(8));
            }

            var payload = await ReadExactlyAsync((int)length);
            frames.Add((opcode, fin, payload));
            if (fin)
            {
                return frames;
            }
        }
    }

    private async Task<string> ReadHttpHeadAsync()
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            await _stream.ReadExactlyAsync(one, Guard.Token());
            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. head]);
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        var buffer = new byte[count];
        await _stream.ReadExactlyAsync(buffer, Guard.Token());
        return buffer;
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
