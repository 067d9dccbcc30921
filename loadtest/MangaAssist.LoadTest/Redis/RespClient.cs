using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace MangaAssist.LoadTest.Redis;

/// <summary>
/// Just enough of RESP to ask a Redis server for <c>PING</c> and <c>INFO</c> over one TCP connection:
/// commands as arrays of bulk strings, replies as simple strings, errors, integers or bulk strings.
/// </summary>
internal sealed class RespClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly Stream _stream;

    private RespClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RespClient> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(host, port, cancellationToken);
            return new RespClient(tcp);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command and returns its reply as text (null for a null bulk string).</summary>
    public async Task<string?> CommandAsync(CancellationToken cancellationToken, params string[] parts)
    {
        await _stream.WriteAsync(Encode(parts), cancellationToken);
        return await ReadReplyAsync(_stream, cancellationToken);
    }

    public Task<string?> InfoAsync(string section, CancellationToken cancellationToken) => CommandAsync(cancellationToken, "INFO", section);

    /// <summary>A command as a RESP array of bulk strings.</summary>
    internal static byte[] Encode(IReadOnlyList<string> parts)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"*{parts.Count}\r\n");
        foreach (var part in parts)
        {
            text.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Reads one reply: <c>+simple</c>, <c>:integer</c> and <c>$bulk</c> as text; <c>-error</c> throws.</summary>
    internal static async Task<string?> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = await ReadLineAsync(stream, cancellationToken);
        if (header.Length == 0)
        {
            throw new InvalidDataException("Empty RESP reply.");
        }

        var body = header[1..];
        switch (header[0])
        {
            case '+':
            case ':':
                return body;
            case '-':
                throw new InvalidOperationException($"Redis replied with an error: {body}");
            case '$':
                var length = int.Parse(body, NumberStyles.Integer, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var buffer = new byte[length + 2];
                await stream.ReadExactlyAsync(buffer, cancellationToken);
                if (buffer[length] != '\r' || buffer[length + 1] != '\n')
                {
                    throw new InvalidDataException("A RESP bulk string did not end with CRLF.");
                }

                return Encoding.UTF8.GetString(buffer, 0, length);
            default:
                throw new InvalidDataException($"Unexpected RESP reply type '{header[0]}'.");
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new List<byte>(32);
        var one = new byte[1];
        while (true)
        {
            await stream.ReadExactlyAsync(one, cancellationToken);
            if (one[0] == '\n' && line.Count > 0 && line[^1] == '\r')
            {
                line.RemoveAt(line.Count - 1);
                return Encoding.UTF8.GetString([.. line]);
            }

            line.Add(one[0]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
