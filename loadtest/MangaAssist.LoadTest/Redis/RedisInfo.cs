using System.Globalization;

namespace MangaAssist.LoadTest.Redis;

/// <summary>Parses the text of Redis's <c>INFO</c> reply.</summary>
internal static class RedisInfo
{
    /// <summary>The <c>key:value</c> lines of an INFO reply (section headers, blank lines and comments skipped).</summary>
    public static IReadOnlyDictionary<string, string> Fields(string info)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in info.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[line[..colon]] = line[(colon + 1)..];
            }
        }

        return fields;
    }

    /// <summary><c>total_commands_processed</c> from <c>INFO stats</c>.</summary>
    public static long TotalCommandsProcessed(string info) =>
        Fields(info).TryGetValue("total_commands_processed", out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var total)
            ? total
            : throw new FormatException("INFO stats has no total_commands_processed.");

    /// <summary>Calls per command from <c>INFO commandstats</c> (<c>cmdstat_get:calls=3,usec=…</c> → get = 3).</summary>
    public static IReadOnlyDictionary<string, long> CallsPerCommand(string info)
    {
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in Fields(info))
        {
            if (!key.StartsWith("cmdstat_", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var pair in value.Split(','))
            {
                if (pair.StartsWith("calls=", StringComparison.Ordinal)
                    && long.TryParse(pair.AsSpan("calls=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                {
                    calls[key["cmdstat_".Length..]] = n;
                }
            }
        }

        return calls;
    }
}

/// <summary>What a Redis server had processed at one moment: all commands, and calls per command.</summary>
internal sealed record RedisCommandSnapshot(long Total, IReadOnlyDictionary<string, long> Calls)
{
    /// <summary>Commands this tool sends per snapshot (<c>INFO stats</c>, <c>INFO commandstats</c>); Redis counts them too.</summary>
    public const int OwnCommands = 2;

    /// <summary>Takes a snapshot with <see cref="OwnCommands"/> commands on <paramref name="client"/>.</summary>
    public static async Task<RedisCommandSnapshot> TakeAsync(RespClient client, CancellationToken cancellationToken)
    {
        var stats = await client.InfoAsync("stats", cancellationToken) ?? "";
        var commandStats = await client.InfoAsync("commandstats", cancellationToken) ?? "";
        return new RedisCommandSnapshot(RedisInfo.TotalCommandsProcessed(stats), RedisInfo.CallsPerCommand(commandStats));
    }

    /// <summary>
    /// The commands others sent between two snapshots. A reply counts every command before it but not
    /// itself, so the interval holds the earlier snapshot's two INFO commands (both <c>info</c>): they are
    /// taken off the total and off <c>info</c>'s calls.
    /// </summary>
    public static RedisCommandDelta Between(RedisCommandSnapshot before, RedisCommandSnapshot after)
    {
        var calls = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (command, count) in after.Calls)
        {
            var delta = count - before.Calls.GetValueOrDefault(command) - (command == "info" ? OwnCommands : 0);
            if (delta > 0)
            {
                calls[command] = delta;
            }
        }

        return new RedisCommandDelta(Math.Max(0, after.Total - before.Total - OwnCommands), calls);
    }
}

/// <summary>Commands processed between two snapshots, in all and per command.</summary>
internal sealed record RedisCommandDelta(long Total, IReadOnlyDictionary<string, long> Calls);
