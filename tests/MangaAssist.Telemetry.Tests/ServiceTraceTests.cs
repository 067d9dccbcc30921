using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using MangaAssist.SharedState.Tests.Support;
using MangaAssist.Telemetry.Tests.Otlp;
using MangaAssist.Telemetry.Tests.Support;

namespace MangaAssist.Telemetry.Tests;

/// <summary>
/// One chat through the real stack; the service's trace arrives at the OTLP receiver with its spans linked.
/// The gateway emulator's integration call propagates its ambient context as <c>traceparent</c>; a
/// listener in this process samples the emulators' activities so that context is a sampled caller,
/// as a traced API Gateway would be (unsampled, the service's parent-based sampler drops the chat).
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xUnit disposes it in IAsyncLifetime.DisposeAsync, which the rule does not see.")]
public sealed class ServiceTraceTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<Activity> _gatewayCalls = new();
    private readonly ConcurrentQueue<string> _tokens = new();
    private readonly ActivityListener _listener;
    private OtlpReceiver _receiver = null!;
    private RedisServer _redis = null!;
    private TracedStack _stack = null!;

    public ServiceTraceTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Kind == ActivityKind.Client)
                {
                    _gatewayCalls.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        _redis = await RedisServer.StartAsync();
        _stack = await TracedStack.StartAsync(_receiver.Endpoint, _redis.Configuration);
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        await _redis.DisposeAsync();
        await _receiver.DisposeAsync();
        _listener.Dispose();
    }

    [Fact]
    public async Task SendMessage_OneTrace_LinksTheRouteSpanTheChatSpanAndTheUpstreamCalls()
    {
        var requestId = "otel-" + Guid.NewGuid().ToString("N")[..8];
        var frames = await ChatAsync(requestId, "s-otel", "おすすめの少年漫画は？ [[tokens:12]]");
        frames[^1].GetProperty("type").GetString().ShouldBe("done");

        // The Redis instrumentation turns profiled commands into spans on its own thread every 10 s, and only once
        // their parent span has ended, so they come last; 40 s leaves a loaded CI machine room for that.
        // What is still missing is kept so that a timeout names it (the receiver's summary counts every trace alike).
        var missing = "no chat span yet";
        IReadOnlyList<OtlpSpan> spans;
        try
        {
            spans = await _receiver.WaitForSpansAsync(
                received =>
                {
                    missing = MissingFromTrace(received, requestId, frames.Count + 1);
                    return missing.Length == 0;
                },
                patience: TimeSpan.FromSeconds(40));
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{missing} ({frames.Count} frames: {string.Join(", ", frames.Select(f => f.GetProperty("type").GetString()))}). {timeout.Message}", timeout);
        }

        _receiver.Problems.ShouldBeEmpty();
        var chat = spans.Single(s => s.Name == "chat sendMessage" && (string?)s.Attributes.GetValueOrDefault("mangaassist.request_id") == requestId);
        var trace = spans.Where(s => s.TraceId == chat.TraceId).ToList();
        var route = trace.Single(s => s.SpanId == chat.ParentSpanId);

        // The ASP.NET Core instrumentation names the server span after the matched route template.
        route.Name.ShouldBe("POST /routes/sendMessage");
        route.Attributes["http.route"].ShouldBe("/routes/sendMessage");
        route.Attributes["http.request.method"].ShouldBe("POST");
        route.Kind.ShouldBe(OtlpSpanKind.Server);
        route.ScopeName.ShouldBe("Microsoft.AspNetCore");
        chat.Kind.ShouldBe(OtlpSpanKind.Internal);
        chat.ScopeName.ShouldBe("MangaAssist.Orchestrator.Chat");
        chat.Attributes["mangaassist.route"].ShouldBe("sendMessage");
        chat.ParentSpanId.ShouldBe(route.SpanId);
        route.Resource["service.name"].ShouldBe("mangaassist-orchestrator");

        // The pipeline's stages are children of the chat span; each Bedrock call is a GenAI client span.
        foreach (var stage in new[] { "rate_limit", "session memory", "retrieval" })
        {
            trace.ShouldContain(s => s.Name == stage && s.ParentSpanId == chat.SpanId, $"a {stage} span under the chat span");
        }

        // Microsoft.Extensions.AI's chat client span (GenAI semantic conventions: gen_ai.provider.name replaced gen_ai.system).
        var generation = trace.Single(s => s.Name.StartsWith("chat anthropic.", StringComparison.Ordinal));
        generation.Kind.ShouldBe(OtlpSpanKind.Client);
        generation.ScopeName.ShouldBe("MangaAssist.Aws.Bedrock.GenAI");
        generation.ParentSpanId.ShouldBe(chat.SpanId);
        generation.Attributes["gen_ai.provider.name"].ShouldBe("aws.bedrock");
        generation.Attributes["gen_ai.operation.name"].ShouldBe("chat");
        generation.Attributes["gen_ai.request.model"].ShouldBe("anthropic.claude-3-haiku-20240307-v1:0");
        generation.Attributes["gen_ai.response.model"].ShouldBe("anthropic.claude-3-haiku-20240307-v1:0");
        Convert.ToInt64(generation.Attributes["gen_ai.usage.output_tokens"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(12);
        Convert.ToInt64(generation.Attributes["gen_ai.usage.input_tokens"], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        generation.Attributes.Keys.ShouldContain("gen_ai.response.finish_reasons");
        generation.Attributes.Keys.ShouldNotContain("gen_ai.input.messages");
        generation.Attributes.Keys.ShouldNotContain("gen_ai.output.messages");

        // Shared state in Redis: command spans under the chat span, command names only.
        var redis = trace.Where(s => s.ScopeName.Contains("StackExchangeRedis", StringComparison.Ordinal)).ToList();
        redis.ShouldNotBeEmpty("Redis command spans in the chat's trace");
        redis.ShouldAllBe(s => s.Kind == OtlpSpanKind.Client);
        redis.ShouldContain(s => AncestorIds(s, trace.ToDictionary(t => t.SpanId)).Contains(chat.SpanId));
        chat.Attributes["mangaassist.outcome"].ShouldBe("Completed");

        // No prompt or user text in telemetry.
        foreach (var span in trace)
        {
            span.Attributes.Values.OfType<string>().ShouldNotContain(v => v.Contains("おすすめ", StringComparison.Ordinal));
        }

        // The route span continues the caller's context: its parent is the gateway's integration call,
        // passed as API Gateway does it, in X-Amzn-Trace-Id.
        var integrationCall = _gatewayCalls.Single(a => a.GetTagItem("url.full") is string url && url.EndsWith("/routes/sendMessage", StringComparison.Ordinal));
        route.TraceId.ShouldBe(integrationCall.TraceId.ToHexString());
        route.ParentSpanId.ShouldBe(integrationCall.SpanId.ToHexString());

        var bySpanId = trace.ToDictionary(s => s.SpanId);
        var clients = trace.Where(s => s.Kind == OtlpSpanKind.Client && s.ScopeName == "System.Net.Http").ToList();
        var bedrock = clients.Where(s => Url(s).Contains("/converse-stream", StringComparison.Ordinal)).ToList();
        var posts = clients.Where(s => Url(s).Contains("/@connections/", StringComparison.Ordinal)).ToList();
        bedrock.ShouldNotBeEmpty();
        posts.Count.ShouldBe(frames.Count, "one @connections post per frame the client received");
        foreach (var client in bedrock.Concat(posts))
        {
            client.Attributes["http.request.method"].ShouldBe("POST");
            AncestorIds(client, bySpanId).ShouldContain(chat.SpanId, $"{client.Name} {Url(client)} descends from the chat span");
        }
    }

    [Fact]
    public async Task SendMessage_EvenWithGenAiContentCaptureOn_NoUserTextInAnySpanMetricOrLog()
    {
        // Every text a user or the catalog supplies: the message (with a marker no code path invents), the
        // session id, and the catalog passages retrieval may put into the prompt.
        var requestId = "nut-" + Guid.NewGuid().ToString("N")[..8];
        var sessionId = "sess-" + Guid.NewGuid().ToString("N");
        var marker = "zq" + Guid.NewGuid().ToString("N")[..10];
        var message = $"Kaito's Samurai みたいな音楽の漫画 {marker} [[tokens:20]]";
        var frames = await ChatAsync(requestId, sessionId, message);
        frames[^1].GetProperty("type").GetString().ShouldBe("done");

        await _receiver.WaitForSpansAsync(received => received.Any(s => s.Name.StartsWith("chat anthropic.", StringComparison.Ordinal))
            && received.Any(s => s.ScopeName.Contains("StackExchangeRedis", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
        await _stack.DisposeAsync(); // flushes every exporter on the way out
        _receiver.SignalsReceived.ShouldBe(["/v1/logs", "/v1/metrics", "/v1/traces"], ignoreOrder: true);

        // The shopper's token (its signature is unique to it) and the integration secret are credentials: never telemetry.
        var secrets = _tokens.Select(token => token.Split('.')[2]).Append(_stack.IntegrationSecret).ToList();
        List<string> forbidden = [marker, "みたいな音楽の漫画", sessionId, .. secrets];
        forbidden.AddRange(CatalogSynopses());
        var leaks = forbidden.Select(text => (text, where: _receiver.SignalsContaining(text))).Where(l => l.where.Count > 0).ToList();
        leaks.ShouldBeEmpty(string.Join("; ", leaks.Select(l => $"'{l.text[..Math.Min(40, l.text.Length)]}' in {string.Join(",", l.where)}")));
        foreach (var text in new[] { marker, sessionId }.Concat(secrets))
        {
            _stack.ServiceOutput.ShouldNotContain(text, Case.Sensitive, "the service's own log lines");
        }
    }

    /// <summary>What the chat's trace still lacks: "" once it has its route span, its HTTP calls and a Redis span.</summary>
    private static string MissingFromTrace(IReadOnlyList<OtlpSpan> received, string requestId, int httpCalls)
    {
        var chat = received.FirstOrDefault(s => s.Name == "chat sendMessage" && (string?)s.Attributes.GetValueOrDefault("mangaassist.request_id") == requestId);
        if (chat is null)
        {
            return "no chat span";
        }

        if (!received.Any(s => s.SpanId == chat.ParentSpanId))
        {
            return "no parent (route) span of the chat span";
        }

        var http = received.Where(s => s.TraceId == chat.TraceId && s.ScopeName == "System.Net.Http").Select(s => s.Name).ToList();
        if (http.Count < httpCalls)
        {
            return $"{http.Count} of {httpCalls} HTTP client spans in the chat's trace ({string.Join(", ", http)})";
        }

        return received.Any(s => s.TraceId == chat.TraceId && s.ScopeName.Contains("StackExchangeRedis", StringComparison.Ordinal))
            ? ""
            : "no Redis span in the chat's trace";
    }

    /// <summary>Every synopsis (English and Japanese) of the catalog the service retrieves from.</summary>
    private static List<string> CatalogSynopses()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var catalog = Path.Combine(directory.FullName, "src", "MangaAssist.Retrieval", "Data", "catalog.json");
            if (File.Exists(catalog))
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(catalog));
                return document.RootElement.EnumerateArray()
                    .SelectMany(p => new[] { p.GetProperty("synopsisEn").GetString()!, p.GetProperty("synopsisJa").GetString()! })
                    .ToList();
            }
        }

        throw new FileNotFoundException("catalog.json was not found above " + AppContext.BaseDirectory);
    }

    private static string Url(OtlpSpan span) => span.Attributes.GetValueOrDefault("url.full") as string ?? "";

    private static List<string> AncestorIds(OtlpSpan span, IReadOnlyDictionary<string, OtlpSpan> bySpanId)
    {
        var ancestors = new List<string>();
        for (var parent = span.ParentSpanId; parent is not null; parent = bySpanId.GetValueOrDefault(parent)?.ParentSpanId)
        {
            ancestors.Add(parent);
        }

        return ancestors;
    }

    private async Task<List<JsonElement>> ChatAsync(string requestId, string sessionId, string message)
    {
        var token = await _stack.IssueTokenAsync("shopper-telemetry");
        _tokens.Enqueue(token);
        return await ChatSocket.ChatAsync(_stack.ConnectUri(token), requestId, sessionId, message);
    }
}
