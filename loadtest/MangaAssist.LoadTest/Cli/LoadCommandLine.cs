using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MangaAssist.LoadTest.Cli;

/// <summary>
/// The tool's command line on System.CommandLine: a profile and options whose defaults come from it.
/// Each option checks its own value and reports a problem naming the option; <c>--Section:Key=value</c>
/// arguments are left unmatched for <see cref="ArgumentParser"/> to pass to the started stack.
/// </summary>
internal sealed class LoadCommandLine
{
    public LoadCommandLine()
    {
        Root = new RootCommand(Description())
        {
            Profile, Users, Rate, Duration, Warmup, MaxMessages, Questions, Levels, Action, Tokens, Ttft, Tps, ThinkTime, Target, BedrockUrl,
            GatewayUrl, IssuerUrl, Stack, Fleet, KillAfter, RollingRestart, LogLevel, VerifyText, ConnectRate, Drain, ProbeInterval, Results, NoProgress,
        };
        Root.TreatUnmatchedTokensAsErrors = false;
    }

    public RootCommand Root { get; }

    public Argument<LoadProfile?> Profile { get; } = new("profile")
    {
        Description = "the workload: " + string.Join(", ", LoadProfile.All.Select(p => p.Name)),
        CustomParser = result =>
        {
            var name = result.Tokens[0].Value;
            var profile = LoadProfile.Find(name);
            if (profile is null)
            {
                result.AddError($"Unknown profile \"{name}\"; one of: {string.Join(", ", LoadProfile.All.Select(p => p.Name))}.");
            }

            return profile;
        },
    };

    public Option<int?> Users { get; } = Whole("--users", "concurrent WebSocket users (one connection each)", min: 1);

    public Option<double?> Rate { get; } = Number("--rate", "messages per second across all users; 0 = each user asks again as soon as its answer ends", min: 0);

    public Option<TimeSpan?> Duration { get; } = Time("--duration", "how long to send and measure (e.g. 60s, 2m, 00:01:30)");

    public Option<TimeSpan?> Warmup { get; } = Time("--warmup", "load before the measured window, checked but not in the latency figures (default 10s, cache 5s, peer-portkey 40s; 0 = none)");

    public Option<int?> MaxMessages { get; } = Whole("--max-messages", "stop sending after N messages", min: 1);

    public Option<int?> Questions { get; } = Whole("--questions", "cache: distinct questions (default 20); each is asked once to fill the cache before the warm-up", min: 1);

    public Option<IReadOnlyList<int>?> Levels { get; } = new("--levels")
    {
        Description = "peer-portkey: concurrent streams per step, comma-separated (default 50,200,1000); each is run on MangaAssist, then on Portkey",
        CustomParser = result =>
        {
            var value = result.Tokens[0].Value;
            var levels = new List<int>();
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) || level < 1 || level > 5000)
                {
                    result.AddError($"--levels must be whole numbers from 1 to 5000, comma-separated (was \"{value}\").");
                    return null;
                }

                levels.Add(level);
            }

            return levels;
        },
    };

    public Option<string?> Action { get; } = Choice("--action", "sendMessage or analyze", "sendMessage", "analyze");

    public Option<int?> Tokens { get; } = Whole("--tokens", "answer length in tokens ([[tokens:N]], emulator only)", min: 1);

    public Option<int?> Ttft { get; } = Whole("--ttft", "the model's time to first token in ms ([[ttft:MS]], emulator only; default 300)", min: 0);

    public Option<int?> Tps { get; } = Whole("--tps", "the model's tokens per second ([[tps:N]], emulator only; default 60)", min: 0);

    public Option<TimeSpan?> ThinkTime { get; } = Time("--think-time", "mean pause between an answer and the next question (closed loop; exponential, default: the profile's)");

    public Option<string?> Target { get; } = Text("--target", "ws:// or wss:// URL of a running stack (no CPU/memory figures then)");

    public Option<string?> BedrockUrl { get; } = Text("--bedrock-url", "Bedrock emulator control URL, or none (default with a loopback --target: http://127.0.0.1:8090)");

    public Option<string?> GatewayUrl { get; } = Text("--gateway-url", "gateway emulator control URL, or none (default: the --target's host)");

    public Option<string?> IssuerUrl { get; } = Text("--issuer-url", "token issuer each user gets its token from (POST /tokens), or none (default with a loopback --target: http://127.0.0.1:8070)");

    public Option<string?> Stack { get; } = Choice("--stack", "processes to start: split (three, the default; the service's CPU/memory are its own) or localedge", "split", "localedge");

    public Option<int?> Fleet { get; } = Whole("--fleet", "start N service processes behind one gateway emulator (health-checked targets), sharing a started redis-server", min: 1);

    public Option<TimeSpan?> KillAfter { get; } = Time("--kill-after", "fleet: SIGKILL the first service process this long after the load starts (warm-up included)");

    public Option<bool> RollingRestart { get; } = new("--rolling-restart") { Description = "fleet: from the measured window's start, SIGTERM each service process in turn and start it again once it exited" };

    public Option<string?> LogLevel { get; } = Text("--log-level", "log level of the started stack (default Warning)");

    public Option<TextVerification?> VerifyText { get; } = new("--verify-text")
    {
        Description = "compare done texts with the model's transcripts: all (default), none, or N (one in N)",
        CustomParser = result =>
        {
            var value = result.Tokens[0].Value;
            if (TextVerification.TryParse(value, out var verification))
            {
                return verification;
            }

            result.AddError($"--verify-text must be all, none or a number (was \"{value}\").");
            return null;
        },
    };

    public Option<int?> ConnectRate { get; } = Whole("--connect-rate", "new connections per second while users connect (default 250)", min: 1);

    public Option<TimeSpan?> Drain { get; } = Time("--drain", "wait this long for answers in flight after sending stops (default 30s; long: 60s)");

    public Option<TimeSpan?> ProbeInterval { get; } = Time("--probe-interval", "how often to measure the Bedrock emulator's own time to first token directly (default 500ms, cache 0; 0 = off)");

    public Option<string?> Results { get; } = Text("--results", "where reports go (default loadtest/results)");

    public Option<bool> NoProgress { get; } = new("--no-progress") { Description = "no live progress line" };

    private static string Description() =>
        "Drives the service through its WebSocket API with many users and checks every frame against the protocol's promises." + Environment.NewLine +
        "usage: dotnet run -c Release --project loadtest/MangaAssist.LoadTest -- <profile> [options] [--Section:Key=value ...]" + Environment.NewLine +
        "profiles:" + Environment.NewLine +
        string.Join(Environment.NewLine, LoadProfile.All.Select(p => $"  {p.Name,-10} {p.Description}")) + Environment.NewLine +
        "Options default to the profile's values. --Section:Key=value is passed to every process of the started stack, e.g. --Streaming:FlushInterval=00:00:00.040";

    private static Option<string?> Text(string name, string description) => new(name) { Description = description };

    private static Option<string?> Choice(string name, string description, params string[] allowed) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var value = result.Tokens[0].Value;
            if (allowed.Contains(value, StringComparer.Ordinal))
            {
                return value;
            }

            result.AddError($"{name} must be one of {string.Join(", ", allowed)} (was \"{value}\").");
            return null;
        },
    };

    private static Option<int?> Whole(string name, string description, int min) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var value = result.Tokens[0].Value;
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min)
            {
                return n;
            }

            result.AddError($"{name} must be a whole number ≥ {min} (was \"{value}\").");
            return null;
        },
    };

    private static Option<double?> Number(string name, string description, double min) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var value = result.Tokens[0].Value;
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min)
            {
                return n;
            }

            result.AddError($"{name} must be a number ≥ {min} (was \"{value}\").");
            return null;
        },
    };

    private static Option<TimeSpan?> Time(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var value = result.Tokens[0].Value;
            if (ArgumentParser.TryParseTime(value, out var time))
            {
                return time;
            }

            result.AddError($"{name} must be a duration such as 500ms, 60s, 2m or 00:01:30 (was \"{value}\").");
            return null;
        },
    };
}
