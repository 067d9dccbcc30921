using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Net;

namespace MangaAssist.LoadTest.Cli;

/// <summary>Turns the command line (<see cref="LoadCommandLine"/>) into <see cref="LoadOptions"/>; every problem is reported at once.</summary>
internal static class ArgumentParser
{
    /// <returns>Options, or null with the problems; null without problems means "show the usage".</returns>
    public static (LoadOptions? Options, IReadOnlyList<string> Problems) Parse(IReadOnlyList<string> args)
    {
        var problems = new List<string>();
        if (args.Count == 0)
        {
            return (null, problems);
        }

        var line = new LoadCommandLine();
        var result = line.Root.Parse([.. args]);
        if (result.Action is HelpAction)
        {
            return (null, problems);
        }

        problems.AddRange(result.Errors.Select(error => error.Message));
        if (result.GetResult(line.Profile)?.Errors.Any() != false || result.GetValue(line.Profile) is not { } profile)
        {
            return (null, problems);
        }

        var stackArgs = SortUnmatched(result.UnmatchedTokens, problems);
        T Given<T>(Option<T?> option, T fallback) where T : struct => Valid(result, option) ?? fallback;
        string GivenText(Option<string?> option, string fallback) => Valid(result, option) ?? fallback;

        var options = new LoadOptions
        {
            Profile = profile,
            Users = Given(line.Users, profile.Users),
            MessagesPerSecond = Given(line.Rate, profile.MessagesPerSecond),
            Duration = Given(line.Duration, profile.Duration),
            Warmup = Given(line.Warmup, profile.DefaultWarmup),
            MaxMessages = Valid(result, line.MaxMessages),
            Questions = Given(line.Questions, 20),
            Levels = Valid(result, line.Levels) ?? LoadProfile.DefaultLevels,
            Action = GivenText(line.Action, profile.Action),
            AnswerTokens = Valid(result, line.Tokens) ?? profile.AnswerTokens,
            EmulatorTimeToFirstTokenMs = Given(line.Ttft, 300),
            EmulatorTokensPerSecond = Given(line.Tps, 60),
            ThinkTime = Given(line.ThinkTime, profile.ThinkTime),
            StackLogLevel = GivenText(line.LogLevel, "Warning"),
            ConnectsPerSecond = Given(line.ConnectRate, 250),
            Drain = Given(line.Drain, profile.Action == "analyze" ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(30)),
            ProbeInterval = Given(line.ProbeInterval, profile.Cache ? TimeSpan.Zero : TimeSpan.FromMilliseconds(500)),
            ResultsDirectory = GivenText(line.Results, "loadtest/results"),
            Progress = !result.GetValue(line.NoProgress),
            StackArgs = [.. profile.StackArgs ?? [], .. stackArgs],
            FlushInterval = FlushIntervalFrom(stackArgs, problems),
            VerifyText = Valid(result, line.VerifyText) ?? TextVerification.All,
        };

        options = WithStack(options, line, result, problems);
        if (options.Profile.Chaos && !options.TargetIsEmulator)
        {
            problems.Add("The chaos profile sets fault rates on the emulators, so it needs the emulator stack (no --target, or a loopback one).");
        }

        if (options.Profile.Cache && options.MessagesPerSecond > 0)
        {
            problems.Add("The cache profile is a closed loop (each user asks again as soon as its answer ends); --rate does not apply.");
        }

        if (!options.Profile.Cache && result.GetResult(line.Questions) is not null)
        {
            problems.Add("--questions applies to the cache profile only.");
        }

        PeerProblems(options, line, result, problems);
        options = WithFleet(options, line, result, problems);

        return (problems.Count == 0 ? options : null, problems);
    }

    /// <summary>A fleet is started by the tool (its processes are signalled), with its own Redis; kill and restart need one.</summary>
    private static LoadOptions WithFleet(LoadOptions options, LoadCommandLine line, ParseResult result, List<string> problems)
    {
        var fleet = Valid(result, line.Fleet);
        var killAfter = Valid(result, line.KillAfter);
        var rolling = result.GetValue(line.RollingRestart);
        if (fleet is null)
        {
            if (result.GetResult(line.KillAfter) is not null || rolling)
            {
                problems.Add("--kill-after and --rolling-restart act on a fleet; give --fleet N.");
            }

            return options;
        }

        if (fleet > 8)
        {
            problems.Add($"--fleet must be at most 8 service processes on one machine (was {fleet}).");
        }

        if (options.Stack != StackMode.Split)
        {
            problems.Add("--fleet starts its own processes; it cannot be combined with --target or --stack localedge.");
        }

        if (options.Profile.Cache || options.Profile.PeerComparison)
        {
            problems.Add($"--fleet does not apply to the {options.Profile.Name} profile.");
        }

        if (killAfter is { } kill && kill >= options.Warmup + options.Duration)
        {
            problems.Add($"--kill-after ({kill.TotalSeconds:0.#} s) must fall inside the run (warm-up {options.Warmup.TotalSeconds:0.#} s + duration {options.Duration.TotalSeconds:0.#} s).");
        }

        if (rolling && fleet < 2)
        {
            problems.Add("--rolling-restart needs at least two service processes (--fleet 2), or every answer would have nowhere to go.");
        }

        return options with { Fleet = fleet, KillAfter = killAfter, RollingRestart = rolling };
    }

    /// <summary>The peer comparison measures the service's own process next to Portkey's, so it starts the split stack itself.</summary>
    private static void PeerProblems(LoadOptions options, LoadCommandLine line, ParseResult result, List<string> problems)
    {
        if (!options.Profile.PeerComparison)
        {
            if (result.GetResult(line.Levels) is not null)
            {
                problems.Add("--levels applies to the peer-portkey profile only.");
            }

            return;
        }

        if (options.Stack != StackMode.Split)
        {
            problems.Add("The peer-portkey profile starts its own stack (the service's CPU must be its own process); it cannot use --target or --stack localedge.");
        }

        if (result.GetResult(line.Users) is not null || result.GetResult(line.Rate) is not null)
        {
            problems.Add("The peer-portkey profile runs closed-loop streams at each --levels concurrency; --users and --rate do not apply.");
        }
    }

    /// <summary>The help System.CommandLine writes for the tool: profiles, every option and its default.</summary>
    public static string UsageText()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        new LoadCommandLine().Root.Parse("--help").Invoke(new InvocationConfiguration { Output = output });
        return output.ToString();
    }

    /// <summary>The option's value; its default when it was not given or its value was refused (the refusal is already a problem).</summary>
    private static T? Valid<T>(ParseResult result, Option<T> option) =>
        result.GetResult(option)?.Errors.Any() == true ? default : result.GetValue(option);

    /// <summary>
    /// Tokens no option took: <c>--Section:Key=value</c> settings for the stack, in order; anything
    /// else is a problem (an unknown <c>--name</c> takes the value after it, as a known one would).
    /// </summary>
    private static List<string> SortUnmatched(IReadOnlyList<string> unmatched, List<string> problems)
    {
        var stackArgs = new List<string>();
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            if (!token.StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add($"Unexpected argument \"{token}\".");
                continue;
            }

            var name = token[2..].Split('=', 2)[0];
            if (name.Contains(':', StringComparison.Ordinal))
            {
                stackArgs.Add(token);
                continue;
            }

            problems.Add($"Unknown option --{name}.");
            if (!token.Contains('=', StringComparison.Ordinal) && i + 1 < unmatched.Count && !unmatched[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                i++;
            }
        }

        return stackArgs;
    }

    private static LoadOptions WithStack(LoadOptions options, LoadCommandLine line, ParseResult result, List<string> problems)
    {
        var stack = Valid(result, line.Stack) ?? "split";
        if (Valid(result, line.Target) is not { } target)
        {
            if (result.GetResult(line.IssuerUrl) is not null)
            {
                problems.Add("--issuer-url names a running stack's token issuer; it needs --target (a started stack brings its own).");
            }

            // The started stack's control URLs are known once its ports are chosen; a placeholder marks "emulator".
            return options with
            {
                Stack = stack == "localedge" ? StackMode.LocalEdge : StackMode.Split,
                BedrockControlUrl = new Uri("http://127.0.0.1:8090"),
                GatewayControlUrl = new Uri("http://127.0.0.1:8080"),
                TokenIssuerUrl = new Uri("http://127.0.0.1:8070"),
            };
        }

        if (result.GetResult(line.Stack) is not null)
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
        Uri? issuer = loopback ? new Uri("http://127.0.0.1:8070") : null;
        if (Valid(result, line.BedrockUrl) is { } b)
        {
            bedrock = b == "none" ? null : ParseHttp(b, "--bedrock-url", problems);
        }

        if (Valid(result, line.GatewayUrl) is { } g)
        {
            gateway = g == "none" ? null : ParseHttp(g, "--gateway-url", problems);
        }

        if (Valid(result, line.IssuerUrl) is { } i)
        {
            issuer = i == "none" ? null : ParseHttp(i, "--issuer-url", problems);
        }

        return options with { Stack = StackMode.External, Target = url, BedrockControlUrl = bedrock, GatewayControlUrl = gateway, TokenIssuerUrl = issuer };
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
}
