namespace MangaAssist.LoadTest.Cli;

/// <summary>Everything a run needs, after the profile's defaults and the command line were combined.</summary>
internal sealed record LoadOptions
{
    public required LoadProfile Profile { get; init; }

    public int Users { get; init; }

    /// <summary>Messages a second across all users; 0 means every user asks again as soon as an answer ends.</summary>
    public double MessagesPerSecond { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Load before the measured window (JIT, pools, connections warming up): checked for violations, left out of the latency figures.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    public long? MaxMessages { get; init; }

    /// <summary>The cache profile's number of distinct questions (each asked once to fill the cache, then over and over).</summary>
    public int Questions { get; init; } = 20;

    /// <summary>The peer comparison's concurrencies: streams in flight at once (closed-loop users), each measured on both gateways.</summary>
    public IReadOnlyList<int> Levels { get; init; } = LoadProfile.DefaultLevels;

    public string Action { get; init; } = "sendMessage";

    /// <summary><c>[[tokens:N]]</c>: answer length when the target is the emulator; null = the emulator's default (80).</summary>
    public int? AnswerTokens { get; init; }

    /// <summary><c>[[ttft:MS]]</c>: the model's own time to first token, put in every message so it is known.</summary>
    public int EmulatorTimeToFirstTokenMs { get; init; } = 300;

    /// <summary><c>[[tps:N]]</c>: the model's tokens per second.</summary>
    public int EmulatorTokensPerSecond { get; init; } = 60;

    /// <summary>Pause of a user between an answer and its next question (closed loop only).</summary>
    public TimeSpan ThinkTime { get; init; }

    /// <summary>A running stack's WebSocket URL; null = start the stack.</summary>
    public Uri? Target { get; init; }

    public Uri? BedrockControlUrl { get; init; }

    public Uri? GatewayControlUrl { get; init; }

    /// <summary>The development token issuer each virtual shopper gets its token from; null = connect without tokens.</summary>
    public Uri? TokenIssuerUrl { get; init; }

    public StackMode Stack { get; init; } = StackMode.Split;

    /// <summary>Service processes behind one gateway emulator, sharing a started redis-server; null = one service.</summary>
    public int? Fleet { get; init; }

    /// <summary>SIGKILL the first service process this long after the load starts (warm-up included); null = never.</summary>
    public TimeSpan? KillAfter { get; init; }

    /// <summary>From the start of the measured window, SIGTERM and restart each service process in turn.</summary>
    public bool RollingRestart { get; init; }

    /// <summary><c>--Section:Key=value</c> arguments passed to every process of the started stack.</summary>
    public IReadOnlyList<string> StackArgs { get; init; } = [];

    public string StackLogLevel { get; init; } = "Warning";

    /// <summary>The service's flush interval, for the frames-per-interval check (read from <c>--Streaming:FlushInterval</c> when given).</summary>
    public TimeSpan FlushInterval { get; init; } = ServiceDefaultFlushInterval;

    /// <summary>The service's default <c>Streaming:FlushInterval</c> (StreamingOptions); keep the two equal.</summary>
    public static readonly TimeSpan ServiceDefaultFlushInterval = TimeSpan.FromMilliseconds(50);

    public TextVerification VerifyText { get; init; } = TextVerification.All;

    /// <summary>New WebSocket connections a second while the users connect.</summary>
    public int ConnectsPerSecond { get; init; } = 250;

    /// <summary>After the run, how long answers still in flight may take to finish.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a direct ConverseStream probe measures the Bedrock emulator's own time to first token; zero = never.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public string ResultsDirectory { get; init; } = "loadtest/results";

    public bool Progress { get; init; } = true;

    /// <summary>Whether the target is the local emulator stack (markers, transcripts and fault endpoints exist).</summary>
    public bool TargetIsEmulator => BedrockControlUrl is not null;

    /// <summary>Longest an answer may take before its missing terminal frame is a violation: the route's total timeout plus a margin.</summary>
    public TimeSpan AnswerTimeout => Action == "analyze" ? TimeSpan.FromMinutes(10.5) : TimeSpan.FromMinutes(2.5);
}
