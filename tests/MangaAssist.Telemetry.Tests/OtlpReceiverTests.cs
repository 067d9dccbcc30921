using System.Diagnostics;
using System.Diagnostics.Metrics;
using MangaAssist.Telemetry.Tests.Otlp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MangaAssist.Telemetry.Tests;

/// <summary>The receiver against bytes from the real OpenTelemetry 1.20.1 OTLP exporter (HTTP/protobuf).</summary>
public sealed class OtlpReceiverTests : IAsyncLifetime
{
    private static readonly string[] FinishReasons = ["end_turn", "max_tokens"];
    private static readonly long[] RetryDelaysMs = [50L, 100L];

    private OtlpReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await OtlpReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task DecodeTraces_ActivitiesFromTheRealExporter_ArriveExactly()
    {
        var sourceName = "MangaAssist.Telemetry.Tests." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName, "1.2.3");
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .SetSampler(new AlwaysOnSampler())
            .ConfigureResource(r => r.Clear().AddService("otlp-receiver-test", serviceVersion: "9.9").AddAttributes([new("deployment.environment", "test")]))
            .AddSource(sourceName)
            .AddOtlpExporter(o =>
            {
                o.Endpoint = _receiver.TracesUrl;
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.ExportProcessorType = ExportProcessorType.Simple;
            })
            .Build();

        ActivityTraceId traceId;
        ActivitySpanId parentId, childId;
        using (var parent = source.StartActivity("POST /routes/sendMessage", ActivityKind.Server)!)
        {
            parent.SetTag("http.request.method", "POST");
            parent.SetTag("http.response.status_code", 200);
            parent.SetTag("gen_ai.request.temperature", 0.25);
            parent.SetTag("mangaassist.cached", true);
            parent.SetTag("gen_ai.response.finish_reasons", FinishReasons);
            parent.SetTag("mangaassist.retry_delays_ms", RetryDelaysMs);
            parent.SetTag("mangaassist.japanese", "おすすめの少年漫画");
            traceId = parent.TraceId;
            parentId = parent.SpanId;
            using (var child = source.StartActivity("chat bedrock", ActivityKind.Client)!)
            {
                childId = child.SpanId;
                child.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection
                {
                    ["attempt"] = 2,
                    ["reason"] = "throttled",
                    ["delay_ms"] = 87.5,
                }));
                child.AddEvent(new ActivityEvent("fallback"));
                child.SetStatus(ActivityStatusCode.Error, "model_unavailable");
            }
        }

        tracing.ForceFlush(5000).ShouldBeTrue();
        var spans = await _receiver.WaitForSpansAsync(s => s.Count >= 2);

        _receiver.Problems.ShouldBeEmpty();
        spans.Count.ShouldBe(2);
        var server = spans.Single(s => s.Name == "POST /routes/sendMessage");
        var client = spans.Single(s => s.Name == "chat bedrock");

        server.TraceId.ShouldBe(traceId.ToHexString());
        server.SpanId.ShouldBe(parentId.ToHexString());
        server.ParentSpanId.ShouldBeNull();
        server.Kind.ShouldBe(OtlpSpanKind.Server);
        server.ScopeName.ShouldBe(sourceName);
        server.ScopeVersion.ShouldBe("1.2.3");
        server.StatusCode.ShouldBe(OtlpStatusCode.Unset);
        server.EndTimeUnixNano.ShouldBeGreaterThanOrEqualTo(server.StartTimeUnixNano);
        server.Attributes["http.request.method"].ShouldBe("POST");
        server.Attributes["http.response.status_code"].ShouldBe(200L);
        server.Attributes["gen_ai.request.temperature"].ShouldBe(0.25);
        server.Attributes["mangaassist.cached"].ShouldBe(true);
        server.Attributes["gen_ai.response.finish_reasons"].ShouldBe(new object?[] { "end_turn", "max_tokens" });
        server.Attributes["mangaassist.retry_delays_ms"].ShouldBe(new object?[] { 50L, 100L });
        server.Attributes["mangaassist.japanese"].ShouldBe("おすすめの少年漫画");
        server.Resource["service.name"].ShouldBe("otlp-receiver-test");
        server.Resource["service.version"].ShouldBe("9.9");
        server.Resource["deployment.environment"].ShouldBe("test");

        client.TraceId.ShouldBe(traceId.ToHexString());
        client.SpanId.ShouldBe(childId.ToHexString());
        client.ParentSpanId.ShouldBe(parentId.ToHexString());
        client.Kind.ShouldBe(OtlpSpanKind.Client);
        client.StatusCode.ShouldBe(OtlpStatusCode.Error);
        client.StatusMessage.ShouldBe("model_unavailable");
        client.Events.Select(e => e.Name).ShouldBe(["retry", "fallback"]);
        client.Events[0].Attributes.ShouldBe(new Dictionary<string, object?> { ["attempt"] = 2L, ["reason"] = "throttled", ["delay_ms"] = 87.5 }, ignoreOrder: true);
        client.Events[1].Attributes.ShouldBeEmpty();
        client.Events[0].TimeUnixNano.ShouldBeGreaterThan(0UL);
    }

    [Fact]
    public async Task DecodeMetrics_InstrumentsFromTheRealExporter_ArriveByName()
    {
        var meterName = "MangaAssist.Telemetry.Tests." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<long>("mangaassist.test.requests");
        var histogram = meter.CreateHistogram<double>("mangaassist.test.duration", "ms");
        using var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.Clear().AddService("otlp-receiver-test"))
            .AddMeter(meterName)
            .AddOtlpExporter(o =>
            {
                o.Endpoint = _receiver.MetricsUrl;
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
            })
            .Build();

        counter.Add(3);
        histogram.Record(12.5);
        metrics.ForceFlush(5000).ShouldBeTrue();

        var received = await _receiver.WaitForMetricsAsync(m => m.Count >= 2);

        _receiver.Problems.ShouldBeEmpty();
        received.Select(m => m.Name).ShouldBe(["mangaassist.test.requests", "mangaassist.test.duration"], ignoreOrder: true);
        received.ShouldAllBe(m => m.ScopeName == meterName && (string?)m.Resource["service.name"] == "otlp-receiver-test");
    }

    /// <summary>
    /// How the service can take <c>OTEL_*</c> settings from its own configuration (command line, appsettings) rather than
    /// only from environment variables: register that configuration in the provider builder's services, which the OTLP
    /// exporter reads its options from.
    /// </summary>
    [Fact]
    public async Task Exporter_TakesOtlpSettingsFromTheConfigurationRegisteredInItsServices()
    {
        var sourceName = "MangaAssist.Telemetry.Tests." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        var configuration = new ConfigurationBuilder().AddCommandLine([
            $"--OTEL_EXPORTER_OTLP_ENDPOINT={_receiver.Endpoint.ToString().TrimEnd('/')}",
            "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
            "--OTEL_BSP_SCHEDULE_DELAY=50"]).Build();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton<IConfiguration>(configuration))
            .AddSource(sourceName)
            .AddOtlpExporter()
            .Build();

        using (source.StartActivity("configured"))
        {
        }

        tracing.ForceFlush(5000).ShouldBeTrue();
        var spans = await _receiver.WaitForSpansAsync(s => s.Count >= 1);

        spans.ShouldHaveSingleItem().Name.ShouldBe("configured");
    }

    [Fact]
    public async Task Receive_JsonBody_IsRefusedAsUnsupported()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(_receiver.TracesUrl, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        ((int)response.StatusCode).ShouldBe(415);
        _receiver.Problems.ShouldHaveSingleItem().ShouldContain("application/json");
    }

    [Fact]
    public async Task Receive_TruncatedProtobuf_IsABadRequest()
    {
        using var http = new HttpClient();
        var truncated = new ByteArrayContentWithType([0x0A, 0x10, 0x0A], "application/x-protobuf");
        using var response = await http.PostAsync(_receiver.TracesUrl, truncated);

        ((int)response.StatusCode).ShouldBe(400);
        _receiver.Spans.ShouldBeEmpty();
    }

    private sealed class ByteArrayContentWithType : ByteArrayContent
    {
        public ByteArrayContentWithType(byte[] bytes, string contentType)
            : base(bytes) => Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
    }
}
