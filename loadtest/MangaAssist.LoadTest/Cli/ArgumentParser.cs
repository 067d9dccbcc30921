using System.Globalization;
using System.Net;

namespace MangaAssist.LoadTest.Cli;

/// <summary>Turns the command line into <see cref="LoadOptions"/>; every problem is reported at once.</summary>
internal static class ArgumentParser
{
    private const string Usage = """
        usage: dotnet run -c Release --project loadtest/MangaAssist.LoadTest -- <profile> [options] [--Section:Key=value ...]

        profiles:
        PROFILES

        options (defaults come from the profile):
          --users N              concurrent WebSocket users (one connection each)
          --rate R               messages per second across all users; 0 = each user asks again as soon as its answer ends
          --duration T           how long to send and measure (e.g. 60s, 2m, 00:01:30)
          --warmup T             load before the measured window, checked but not in the latency figures (default 10s, cache 5s; 0 = none)
          --max-messages N       stop sending after N messages
          --questions N          cache: distinct questions (default 20); each is asked once to fill the cache before the warm-up
          --action A             sendMessage or analyze
          --tokens N             answer length in tokens ([[tokens:N]], emulator only)
          --ttft MS              the model's time to first token ([[ttft:MS]], emulator only; default 300)
          --tps N                the model's tokens per second ([[tps:N]], emulator only; default 60)
          --think-time T         mean pause between an answer and the next question (closed loop; exponential, default: the profile's)
          --target URL           ws:// or wss:// URL of a running stack (no CPU/memory figures then)
          --bedrock-url URL      Bedrock emulator control URL (default with a loopback --target: http://127.0.0.1:8090)
          --gateway-url URL      gateway emulator control URL (default: the --target's host)
          --stack split|localedge  processes to start: three (default; the service's CPU/memory are its own) or LocalEdge
          --log-level L          log level of the started stack (default Warning)
          --verify-text V        compare done texts with the model's transcripts: all (default), none, or N (one in N)
          --connect-rate N       new connections per second while users connect (default 250)
          --drain T              wait this long for answers in flight after sending stops (default 30s; long: 60s)
          --probe-interval T     how often to measure the Bedrock emulator's own time to first token directly (default 500ms, cache 0; 0 = off)
          --results DIR          where reports go (default loadtest/results)
          --no-progress          no live progress line
          --Section:Key=value    passed to every process of the started stack, e.g. --Streaming:FlushInterval=00:00:00.040
        """;

    public static (LoadOptions? Options, IReadOnlyList<string> Problems) Parse(IReadOnlyList<string> args)
    {
        var problems = new List<string>();
        if (args.Count == 0 || args[0] is "-h" or "--help")
        {
            return (null, problems);
        }

        var profile = LoadProfile.Find(args[0]);
        if (profile is null)
        {
            problems.Add($"Unknown profile \"{args[0]}\"; one of: {string.Join(", ", LoadProfile.All.Select(p => p.Name))}.");
            return (null, problems);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var stackArgs = new List<string>();
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add($"Unexpected argument \"{arg}\".");
                continue;
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            if (name.Contains(':', StringComparison.Ordinal))
            {
                stackArgs.Add(value is null ? arg : $"--{name}={value}");
                continue;
            }

            if (name is "no-progress" or "help")
            {
                flags.Add(name);
                continue;
            }

            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    problems.Add($"--{name} needs a value.");
                    continue;
                }

                value = args[++i];
            }

            values[name] = value;
        }

        var reader = new OptionReader(values, problems);
        var options = new LoadOptions
        {
            Profile = profile,
            Users = reader.Int("users", profile.Users, min: 1),
            MessagesPerSecond = reader.Double("rate", profile.MessagesPerSecond, min: 0),
            Duration = reader.Time("duration", profile.Duration),
            Warmup = reader.Time("warmup", profile.Cache ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(10)),
            MaxMessages = values.ContainsKey("max-messages") ? reader.Int("max-messages", 0, min: 1) : null,
            Questions = reader.Int("questions", 20, min: 1),
            Action = reader.OneOf("action", profile.Action, "sendMessage", "analyze"),
            AnswerTokens = values.ContainsKey("tokens") ? reader.Int("tokens", 0, min: 1) : profile.AnswerTokens,
            EmulatorTimeToFirstTokenMs = reader.Int("ttft", 300, min: 0),
            EmulatorTokensPerSecond = reader.Int("tps", 60, min: 0),
            ThinkTime = reader.Time("think-time", profile.ThinkTime),
            StackLogLevel = reader.String("log-level", "Warning"),
            ConnectsPerSecond = reader.Int("connect-rate", 250, min: 1),
            Drain = reader.Time("drain", profile.Action == "analyze" ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(30)),
            ProbeInterval = reader.Time("probe-interval", profile.Cache ? TimeSpan.Zero : TimeSpan.FromMilliseconds(500)),
            ResultsDirectory = reader.String("results", "loadtest/results"),
            Progress = !flags.Contains("no-progress"),
            StackArgs = [.. profile.StackArgs ?? [], .. stackArgs],
            FlushInterval = FlushIntervalFrom(stackArgs, problems),
        };

        if (values.TryGetValue("verify-text", out var verify))
        {
            if (TextVerification.TryParse(verify, out var verification))
            {
                options = options with { VerifyText = verification };
            }
            else
            {
                problems.Add($"--verify-text must be all, none or a number (was \"{verify}\").");
            }
        }

        options = WithStack(options, values, problems);
        if (options.Profile.Chaos && !options.TargetIsEmulator)
        {
            problems.Add("The chaos profile sets fault rates on the emulators, so it needs the emulator stack (no --target, or a loopback one).");
        }

        if (options.Profile.Cache && options.MessagesPerSecond > 0)
        {
            problems.Add("The cache profile is a closed loop (each user asks again as soon as its answer ends); --rate does not apply.");
        }

        if (!options.Profile.Cache && values.ContainsKey("questions"))
        {
            problems.Add("--questions applies to the cache profile only.");
        }

        foreach (var unknown in values.Keys.Except(OptionReader.Known))
        {
            problems.Add($"Unknown option --{unknown}.");
        }

        return (problems.Count == 0 ? options : null, problems);
    }

    public static string UsageText() =>
        Usage.Replace("PROFILES", string.Join(Environment.NewLine, LoadProfile.All.Select(p => $"  {p.Name,-10} {p.Description}")), StringComparison.Ordinal);

    private static LoadOptions WithStack(LoadOptions options, Dictionary<string, string> values, List<string> problems)
    {
        var stack = values.TryGetValue("stack", out var mode) ? mode : "split";
        if (!values.TryGetValue("target", out var target))
        {
            if (stack is not ("split" or "localedge"))
            {
                problems.Add($"--stack must be split or localedge (was \"{stack}\").");
            }

            // The started stack's control URLs are known once its ports are chosen; a placeholder marks "emulator".
            return options with
            {
                Stack = stack == "localedge" ? StackMode.LocalEdge : StackMode.Split,
                BedrockControlUrl = new Uri("http://127.0.0.1:8090"),
                GatewayControlUrl = new Uri("http://127.0.0.1:8080"),
            };
        }

        if (values.ContainsKey("stack"))
        {
            problems.Add("--stack starts a stack; it cannot be combined with --target.");
        }

        if (!Uri.TryCreate(target, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss"))
        {
            problems.Add($"--target must be a ws:// or wss:// URL (was \"{target}\").");
            return options;
        }

        var loopback = IsLoopback(url);
        Uri? bedrock = loopback ? new Uri("http://127.0.0.1:8090") : null;
        Uri? gateway = loopback ? new Uri($"http://{url.Authority}") : null;
        if (values.TryGetValue("bedrock-url", out var b))
        {
            bedrock = b == "none" ? null : ParseHttp(b, "--bedrock-url", problems);
        }

        if (values.TryGetValue("gateway-url", out var g))
        {
            gateway = g == "none" ? null : ParseHttp(g, "--gateway-url", problems);
        }

        return options with { Stack = StackMode.External, Target = url, BedrockControlUrl = bedrock, GatewayControlUrl = gateway };
    }

    internal static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));

    private static Uri? ParseHttp(string value, string name, List<string> problems)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        problems.Add($"{name} must be an http:// URL or none (was \"{value}\").");
        return null;
    }

    private static TimeSpan FlushIntervalFrom(List<string> stackArgs, List<string> problems)
    {
        const string prefix = "--Streaming:FlushInterval=";
        var arg = stackArgs.LastOrDefault(a => a.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        if (arg is null)
        {
            return LoadOptions.ServiceDefaultFlushInterval;
        }

        if (TimeSpan.TryParse(arg[prefix.Length..], CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return interval;
        }

        problems.Add($"{arg}: not a time span.");
        return LoadOptions.ServiceDefaultFlushInterval;
    }

    /// <summary>Parses "500ms", "60s", "2m", "1h", a plain number of seconds, or a .NET time span (00:01:30).</summary>
    internal static bool TryParseTime(string value, out TimeSpan time)
    {
        static bool Number(string s, out double n) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out n) && n >= 0;

        time = default;
        if (value.EndsWith("ms", StringComparison.Ordinal) && Number(value[..^2], out var ms))
        {
            time = TimeSpan.FromMilliseconds(ms);
        }
        else if (value.EndsWith('s') && Number(value[..^1], out var s))
        {
            time = TimeSpan.FromSeconds(s);
        }
        else if (value.EndsWith('m') && Number(value[..^1], out var m))
        {
            time = TimeSpan.FromMinutes(m);
        }
        else if (value.EndsWith('h') && Number(value[..^1], out var h))
        {
            time = TimeSpan.FromHours(h);
        }
        else if (Number(value, out var seconds))
        {
            time = TimeSpan.FromSeconds(seconds);
        }
        else if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out time) || time < TimeSpan.Zero)
        {
            return false;
        }

        return true;
    }

    private sealed class OptionReader(Dictionary<string, string> values, List<string> problems)
    {
        public static readonly string[] Known =
        [
            "users", "rate", "duration", "warmup", "max-messages", "questions", "action", "tokens", "ttft", "tps", "think-time", "target",
            "bedrock-url", "gateway-url", "stack", "log-level", "verify-text", "connect-rate", "drain", "probe-interval", "results",
        ];

        public int Int(string name, int fallback, int min)
        {
            if (!values.TryGetValue(name, out var value))
            {
                return fallback;
            }

            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min)
            {
                return n;
            }

            problems.Add($"--{name} must be a whole number ≥ {min} (was \"{value}\").");
            return fallback;
        }

        public double Double(string name, double fallback, double min)
        {
            if (!values.TryGetValue(name, out var value))
            {
                return fallback;
            }

            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min)
            {
                return n;
            }

            problems.Add($"--{name} must be a number ≥ {min} (was \"{value}\").");
            return fallback;
        }

        public TimeSpan Time(string name, TimeSpan fallback)
        {
            if (!values.TryGetValue(name, out var value))
            {
                return fallback;
            }

            if (TryParseTime(value, out var time))
            {
                return time;
            }

            problems.Add($"--{name} must be a duration such as 500ms, 60s, 2m or 00:01:30 (was \"{value}\").");
            return fallback;
        }

        public string String(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;

        public string OneOf(string name, string fallback, params string[] allowed)
        {
            var value = String(name, fallback);
            if (!allowed.Contains(value, StringComparer.Ordinal))
            {
                problems.Add($"--{name} must be one of {string.Join(", ", allowed)} (was \"{value}\").");
                return fallback;
            }

            return value;
        }
    }
}
