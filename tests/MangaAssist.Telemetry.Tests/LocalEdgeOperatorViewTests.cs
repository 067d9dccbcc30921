using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using MangaAssist.SharedState.Tests.Support;
using MangaAssist.Telemetry.Tests.Otlp;
using MangaAssist.Telemetry.Tests.Support;

namespace MangaAssist.Telemetry.Tests;

/// <summary>
/// What an operator sees of the one-command local run: a clean start-up (probed by a load balancer from the
/// first second) and a clean chat log nothing above Information, and each process of the run exports its own
/// spans under its own <c>service.name</c>, once, without a span pair per catalog embedding at start-up.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xUnit disposes it in IAsyncLifetime.DisposeAsync, which the rule does not see.")]
public sealed class LocalEdgeOperatorViewTests : IAsyncLifetime
{
    private const string Orchestrator = "mangaassist-orchestrator";
    private const string BedrockEmulator = "mangaassist-bedrock-emulator";
    private const string GatewayEmulator = "mangaassist-apigateway-emulator";

    private OtlpReceiver _receiver = null!;
    private RedisServer _redis = null!;
    private LocalEdgeProcess _edge = null!;
    private List<JsonElement> _frames = null!;
    private string _requestId = null!;

    public async Task InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        _redis = await RedisServer.StartAsync();
        _edge = LocalEdgeProcess.Start(
            _receiver.Endpoint,
            $"--Redis:Configuration={_redis.Configuration}",
            "--BedrockEmulator:TimeToFirstTokenMs=5",
            "--BedrockEmulator:TokensPerSecond=2000",
            // A cold start: the catalog is embedded while the load balancer already probes (a warm vector cache
            // from an earlier run could make the service ready before the first probe).
            "--Retrieval:Embedded:EmbeddingCachePath=none");
        await _edge.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        _requestId = "ops-" + Guid.NewGuid().ToString("N")[..8];
        _frames = await ChatSocket.ChatAsync(await _edge.ConnectUriAsync("shopper-ops"), _requestId, "s-ops", "おすすめの少年漫画は？ [[tokens:12]]");
        await _edge.WaitForDisconnectAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _edge.DisposeAsync();
        }
        finally
        {
            await _redis.DisposeAsync();
            await _receiver.DisposeAsync();
        }
    }

    [Fact]
    public async Task CleanStartAndChat_LogNothingAboveInformation()
    {
        _frames[^1].GetProperty("type").GetString().ShouldBe("done");
        await _edge.DisposeAsync(); // a clean stop belongs to a clean run

        var lines = _edge.Lines;
        // The console format puts the message on the line after the level and category.
        var loud = lines.Select((line, i) => (line, i)).Where(l => IsAboveInformation(l.line))
            .Select(l => l.line + (l.i + 1 < lines.Count ? lines[l.i + 1] : "")).ToList();
        loud.ShouldBeEmpty(string.Join('\n', loud));
        _edge.Lines.ShouldContain(line => line.Contains("warming up", StringComparison.Ordinal), "readiness says once that it is warming up");
        _edge.Lines.Count(line => line.Contains("Retrieval is ready", StringComparison.Ordinal)).ShouldBe(1, "and once that it is ready");
    }

    [Fact]
    public async Task OneProcessRun_EachAppExportsItsOwnSpansUnderItsOwnServiceName()
    {
        _frames[^1].GetProperty("type").GetString().ShouldBe("done");
        var spans = await _receiver.WaitForSpansAsync(received =>
            received.Any(s => s.Name == "POST /routes/sendMessage")
            && received.Any(s => s.Kind == OtlpSpanKind.Server && Path(s).EndsWith("/converse-stream", StringComparison.Ordinal))
            && received.Any(s => s.Kind == OtlpSpanKind.Client && Url(s).EndsWith("/routes/sendMessage", StringComparison.Ordinal)));
        // The library instrument the dashboard's spend and the spend alarm read (container/observability).
        var metrics = await _receiver.WaitForMetricsAsync(received => received.Any(m => m.Name == "gen_ai.client.token.usage"));
        metrics.ShouldContain(m => m.Name == "gen_ai.client.token.usage" && (string?)m.Resource["service.name"] == Orchestrator);
        await _edge.DisposeAsync(); // flushes whatever else is batched
        spans = [.. _receiver.Spans];

        spans.GroupBy(s => s.SpanId).Where(g => g.Count() > 1).Select(g => $"{g.First().Name} {g.First().ScopeName} parent={g.First().ParentSpanId} {Url(g.First())} as {string.Join(",", g.Select(s => s.Resource["service.name"]))}").ShouldBeEmpty("every span is exported once, by the app that made it");

        var route = spans.Single(s => s.Name == "POST /routes/sendMessage");
        route.Resource["service.name"].ShouldBe(Orchestrator);
        var integration = spans.Single(s => s.Kind == OtlpSpanKind.Client && Url(s).EndsWith("/routes/sendMessage", StringComparison.Ordinal));
        integration.Resource["service.name"].ShouldBe(GatewayEmulator);
        route.ParentSpanId.ShouldBe(integration.SpanId);

        var model = spans.Where(s => s.Kind == OtlpSpanKind.Server && Path(s).EndsWith("/converse-stream", StringComparison.Ordinal)).ToList();
        model.ShouldNotBeEmpty();
        model.ShouldAllBe(s => (string?)s.Resource["service.name"] == BedrockEmulator);
        model.ShouldAllBe(s => s.TraceId == route.TraceId);

        // The catalog is embedded at start-up (one InvokeModel per product); only the chat's query embedding is traced.
        spans.Count(s => Path(s).EndsWith("/invoke", StringComparison.Ordinal) || Url(s).EndsWith("/invoke", StringComparison.Ordinal))
            .ShouldBeLessThanOrEqualTo(4, "no span pair per catalog embedding");
    }

    /// <summary>LocalEdge writes JSON lines from every app; the console format (<c>warn:</c>, <c>fail:</c>, <c>crit:</c>) is recognised too.</summary>
    private static bool IsAboveInformation(string line)
    {
        if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            return true;
        }

        if (!line.StartsWith('{'))
        {
            return false;
        }

        using var json = JsonDocument.Parse(line);
        return json.RootElement.TryGetProperty("LogLevel", out var level) && level.GetString() is "Warning" or "Error" or "Critical";
    }

    private static string Url(OtlpSpan span) => span.Attributes.GetValueOrDefault("url.full") as string ?? "";

    private static string Path(OtlpSpan span) => span.Attributes.GetValueOrDefault("url.path") as string ?? "";
}
