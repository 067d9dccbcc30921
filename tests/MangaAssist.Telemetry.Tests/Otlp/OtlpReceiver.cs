using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Telemetry.Tests.Otlp;

/// <summary>
/// A real OTLP/HTTP receiver on loopback: Kestrel serving <c>POST /v1/traces</c>, <c>/v1/metrics</c> and
/// <c>/v1/logs</c> with <c>application/x-protobuf</c> bodies; spans and metric names are decoded by
/// <see cref="OtlpDecoder"/>, and every body is kept raw, so a test can search all of it for a text.
/// Answers <c>200</c> with an empty (all-default) Export*ServiceResponse, which is an empty protobuf body.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private readonly ConcurrentQueue<OtlpMetric> _metrics = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _bodies = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c> (what <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> takes).</summary>
    public Uri Endpoint { get; private set; } = null!;

    public Uri TracesUrl => new(Endpoint, "/v1/traces");

    public Uri MetricsUrl => new(Endpoint, "/v1/metrics");

    public IReadOnlyCollection<OtlpSpan> Spans => _spans;

    public IReadOnlyCollection<OtlpMetric> Metrics => _metrics;

    /// <summary>Requests the receiver could not accept (wrong content type, undecodable body).</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    public int TraceRequests { get; private set; }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", context => receiver.ReceiveAsync(context, body =>
        {
            receiver.TraceRequests++;
            foreach (var span in OtlpDecoder.DecodeTraces(body))
            {
                receiver._spans.Enqueue(span);
            }
        }));
        app.MapPost("/v1/metrics", context => receiver.ReceiveAsync(context, body =>
        {
            foreach (var metric in OtlpDecoder.DecodeMetrics(body))
            {
                receiver._metrics.Enqueue(metric);
            }
        }));
        app.MapPost("/v1/logs", context => receiver.ReceiveAsync(context, _ => { }));
        await app.StartAsync();
        receiver.Endpoint = new Uri(app.Urls.First());
        return receiver;
    }

    private async Task ReceiveAsync(HttpContext context, Action<byte[]> decode)
    {
        if (context.Request.ContentType?.StartsWith("application/x-protobuf", StringComparison.Ordinal) != true)
        {
            _problems.Enqueue($"{context.Request.Path}: content type {context.Request.ContentType}");
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var bytes = body.ToArray();
        _bodies.Enqueue((context.Request.Path, bytes));
        try
        {
            decode(bytes);
        }
        catch (Exception exception) when (exception is Google.Protobuf.InvalidProtocolBufferException or InvalidOperationException)
        {
            _problems.Enqueue($"{context.Request.Path}: {exception.Message}");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }

    /// <summary>Paths (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>) of the bodies received so far.</summary>
    public IReadOnlyCollection<string> SignalsReceived => _bodies.Select(b => b.Path).Distinct().ToArray();

    /// <summary>
    /// The paths whose bodies contain <paramref name="text"/> as UTF-8 anywhere: OTLP protobuf stores every string
    /// (names, attribute keys and values, event and log bodies) as raw UTF-8, so this covers all of them.
    /// </summary>
    public IReadOnlyList<string> SignalsContaining(string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        return _bodies.Where(b => b.Body.AsSpan().IndexOf(needle) >= 0).Select(b => b.Path).Distinct().ToList();
    }

    /// <summary>Waits until the spans received satisfy <paramref name="condition"/> (exporters batch, so spans arrive late).</summary>
    public async Task<IReadOnlyList<OtlpSpan>> WaitForSpansAsync(Func<IReadOnlyList<OtlpSpan>, bool> condition, TimeSpan? patience = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var spans = _spans.ToArray();
            if (condition(spans))
            {
                return spans;
            }

            if (deadline.Elapsed > (patience ?? TimeSpan.FromSeconds(20)))
            {
                throw new TimeoutException(
                    $"The spans received do not satisfy the condition after {deadline.Elapsed.TotalSeconds:0} s. " +
                    $"{spans.Length} spans in {spans.Select(s => s.TraceId).Distinct().Count()} traces: " + Summary(spans));
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Counts per scope and span name, so a timeout says what arrived in a line a CI log keeps whole
    /// (a listing of every span with its attributes was cut before it reached the interesting ones).
    /// </summary>
    private static string Summary(IEnumerable<OtlpSpan> spans) => string.Join(
        "; ",
        spans.GroupBy(s => (s.ScopeName, s.Name))
            .OrderBy(g => g.Key.ScopeName, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => $"{g.Key.ScopeName}: {g.Key.Name} x{g.Count()}"));

    public async Task<IReadOnlyList<OtlpMetric>> WaitForMetricsAsync(Func<IReadOnlyList<OtlpMetric>, bool> condition, TimeSpan? patience = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var metrics = _metrics.ToArray();
            if (condition(metrics) || deadline.Elapsed > (patience ?? TimeSpan.FromSeconds(20)))
            {
                return metrics;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
