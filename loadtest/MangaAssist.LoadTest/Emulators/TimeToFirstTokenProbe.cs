using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using MangaAssist.LoadTest.Metrics;

namespace MangaAssist.LoadTest.Emulators;

/// <summary>
/// Measures the Bedrock emulator's own time to first token while the load runs: a ConverseStream
/// request straight to the emulator (no gateway, no service) every interval, timed from sending
/// to the first <c>contentBlockDelta</c> event on the wire. Its excess over the configured time
/// to first token is the emulator's (and the shared CPU's) part of the client's latency.
/// </summary>
internal sealed class TimeToFirstTokenProbe(Uri bedrock, int timeToFirstTokenMs, TimeSpan interval) : IAsyncDisposable
{
    private static readonly byte[] DeltaEventName = "contentBlockDelta"u8.ToArray();

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _stop = new();
    private readonly LogLinearHistogram _timeToFirstToken = new();
    private readonly Lock _gate = new();
    private Task? _loop;

    public long Failures { get; private set; }

    public void Start() => _loop = LoopAsync(_stop.Token);

    /// <summary>The probes' time to first token, microseconds.</summary>
    public LogLinearHistogram Snapshot()
    {
        lock (_gate)
        {
            return _timeToFirstToken.Copy();
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var micros = await ProbeOnceAsync(cancellationToken);
                lock (_gate)
                {
                    if (micros is { } value)
                    {
                        _timeToFirstToken.Record(value);
                    }
                    else
                    {
                        Failures++;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<long?> ProbeOnceAsync(CancellationToken cancellationToken)
    {
        var body = $$"""{"messages":[{"role":"user","content":[{"text":"probe [[ttft:{{timeToFirstTokenMs}}]] [[tokens:2]] [[tps:1000]]"}]}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bedrock, "/model/anthropic.claude-3-haiku-20240307-v1:0/converse-stream"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(
            "AWS4-HMAC-SHA256 Credential=AKIDPROBE/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=00");
        try
        {
            var sent = Stopwatch.GetTimestamp();
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[4096];
            var seen = 0;
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(seen), cancellationToken);
                if (read == 0)
                {
                    return null;
                }

                seen += read;
                if (buffer.AsSpan(0, seen).IndexOf(DeltaEventName) >= 0)
                {
                    var micros = AnswerStats.Micros(Stopwatch.GetTimestamp() - sent);
                    await stream.CopyToAsync(Stream.Null, cancellationToken);
                    return micros;
                }

                if (seen == buffer.Length)
                {
                    // Keep the tail, in case the event name straddles two reads.
                    buffer.AsSpan(seen - DeltaEventName.Length, DeltaEventName.Length).CopyTo(buffer);
                    seen = DeltaEventName.Length;
                }
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // Random faults (chaos) strike the probe too: a reset is a failed probe, not a failed run.
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
        _http.Dispose();
    }
}
