using System.Globalization;

namespace MangaAssist.LoadTest.Stack;

/// <summary>CPU time and memory of a Linux process, read from <c>/proc/&lt;pid&gt;/stat</c> and <c>/proc/&lt;pid&gt;/status</c>.</summary>
internal readonly record struct ProcStat(long CpuTicks, long RssKb, long HwmKb)
{
    /// <summary>USER_HZ, the unit of utime/stime in /proc/&lt;pid&gt;/stat; 100 on every Linux ABI .NET runs on.</summary>
    public const int TicksPerSecond = 100;

    /// <summary>The pseudo process id under which the sampler reports the whole machine (every process, from /proc/stat).</summary>
    public const int Machine = 0;

    public static ProcStat? TryRead(int pid)
    {
        try
        {
            if (pid == Machine)
            {
                return ParseMachine(File.ReadLines("/proc/stat").First());
            }

            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var status = File.ReadAllLines($"/proc/{pid}/status");
            return Parse(stat, status);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>utime + stime from a stat line (the command name in parentheses may hold spaces), VmRSS and VmHWM from status.</summary>
    internal static ProcStat? Parse(string stat, IEnumerable<string> status)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        // Fields after the command name start at field 3 (state); utime and stime are fields 14 and 15.
        var fields = stat[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.Integer, CultureInfo.InvariantCulture, out var utime)
            || !long.TryParse(fields[12], NumberStyles.Integer, CultureInfo.InvariantCulture, out var stime))
        {
            return null;
        }

        long rss = 0, hwm = 0;
        foreach (var line in status)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kilobytes(line);
            }
        }

        return new ProcStat(utime + stime, rss, hwm);
    }

    /// <summary>Busy ticks of all cores from the aggregate "cpu" line of /proc/stat: everything but idle and iowait.</summary>
    internal static ProcStat? ParseMachine(string cpuLine)
    {
        var fields = cpuLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || fields[0] != "cpu")
        {
            return null;
        }

        long busy = 0;
        for (var i = 1; i < Math.Min(fields.Length, 9); i++)
        {
            if (i is 4 or 5)
            {
                continue; // idle, iowait
            }

            busy += long.TryParse(fields[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) ? ticks : 0;
        }

        return new ProcStat(busy, 0, 0);
    }

    private static long Kilobytes(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }
}
