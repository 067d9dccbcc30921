using System.Net.Sockets;
using System.Text;

namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>
/// A <c>MONITOR</c> connection to a real redis-server: every command it executes, as it executes it. Commands a
/// script runs are marked <c>[… lua]</c> and are not round trips; every other one is a command a client sent.
/// </summary>
public sealed class RedisMonitor : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly List<string> _lines = [];
    private readonly Task _reading;
    private readonly CancellationTokenSource _stop = new();

    private RedisMonitor(TcpClient client, StreamReader reader)
    {
        _client = client;
        _reader = reader;
        _reading = ReadAsync();
    }

    public static async Task<RedisMonitor> StartAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync("MONITOR\r\n"u8.ToArray());
        var reader = new StreamReader(stream, Encoding.UTF8);
        var ok = await reader.ReadLineAsync();
        if (ok != "+OK")
        {
            client.Dispose();
            throw new InvalidOperationException($"MONITOR answered {ok}");
        }

        return new RedisMonitor(client, reader);
    }

    /// <summary>The names of the commands clients sent (upper case), in order, since the monitor started.</summary>
    public IReadOnlyList<string> ClientCommands()
    {
        lock (_lines)
        {
            return [.. _lines.Where(l => !l.Contains(" lua]", StringComparison.Ordinal)).Select(CommandOf).Where(c => c.Length > 0)];
        }
    }

    /// <summary>
    /// As <see cref="ClientCommands"/>, without the scripts that run <paramref name="innerCommand"/>: MONITOR lists a
    /// script's own commands right after it (one thread, so nothing comes between).
    /// </summary>
    public IReadOnlyList<string> ClientCommandsExceptScriptsRunning(string innerCommand)
    {
        lock (_lines)
        {
            var commands = new List<string>();
            for (var i = 0; i < _lines.Count; i++)
            {
                if (IsScripted(_lines[i]))
                {
                    continue;
                }

                var runs = false;
                for (var j = i + 1; j < _lines.Count && IsScripted(_lines[j]); j++)
                {
                    runs |= CommandOf(_lines[j]) == innerCommand;
                }

                if (!runs && CommandOf(_lines[i]) is { Length: > 0 } command)
                {
                    commands.Add(command);
                }
            }

            return commands;
        }
    }

    private static bool IsScripted(string line) => line.Contains(" lua]", StringComparison.Ordinal);

    private static string CommandOf(string line)
    {
        var end = line.IndexOf("] \"", StringComparison.Ordinal);
        if (end < 0)
        {
            return "";
        }

        var start = end + 3;
        var close = line.IndexOf('"', start);
        if (close < 0)
        {
            return "";
        }

        var command = line[start..close].ToUpperInvariant();
        // Scripts are told apart by the first characters of their SHA, so a report can say which one grew.
        return command == "EVALSHA" && close + 11 <= line.Length ? $"EVALSHA:{line.Substring(close + 3, 8)}" : command;
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _reader.ReadLineAsync(_stop.Token) is { } line)
            {
                lock (_lines)
                {
                    _lines.Add(line);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Dispose();
        await _reading;
        _reader.Dispose();
        _stop.Dispose();
    }
}
