using System.Threading.Channels;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Protocol;

namespace MangaAssist.LoadTest.Emulators;

/// <summary>
/// Promise 3 for <c>done</c> answers: the concatenated deltas must equal the text the model
/// produced. Looks the request's unique tag up in the Bedrock emulator's transcripts (which are
/// written when the model's stream ends, possibly a moment after the client saw <c>done</c>)
/// and compares with the last completed transcript. Runs beside the load, off the users' path.
/// The same transcripts say when the model's first token went out, so the answer's service-added time
/// to first token is recorded here, against this request's own model time rather than the configured one.
/// </summary>
internal sealed class TextVerifier : IAsyncDisposable
{
    private const int Consumers = 2;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly EmulatorControl _control;
    private readonly Channel<Check> _queue =
        Channel.CreateBounded<Check>(new BoundedChannelOptions(20_000) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Task[] _consumers;
    private long _dropped;

    public TextVerifier(EmulatorControl control)
    {
        _control = control;
        _consumers = [.. Enumerable.Range(0, Consumers).Select(_ => Task.Run(ConsumeAsync))];
    }

    /// <summary>Answers that could not be queued because the verifier fell behind (counted as unverifiable).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <param name="clientTimeToFirstTokenUs">The client's time to first token, for the service-added figure; null to skip it (a cached answer never reached the model).</param>
    public void Enqueue(string tag, string text, long? clientTimeToFirstTokenUs, AnswerStats stats)
    {
        if (!_queue.Writer.TryWrite(new Check(tag, text, clientTimeToFirstTokenUs, stats)))
        {
            Interlocked.Increment(ref _dropped);
            stats.RecordTextCheck(verified: false);
        }
    }

    public int Pending => _queue.Reader.Count;

    private async Task ConsumeAsync()
    {
        await foreach (var (tag, text, clientTtft, stats) in _queue.Reader.ReadAllAsync())
        {
            var (verdict, modelTtft) = await CheckAsync(tag, text);
            if (clientTtft is { } client && modelTtft is { } model)
            {
                stats.RecordServiceAdded(client, model);
            }

            switch (verdict)
            {
                case true:
                    stats.RecordTextCheck(verified: true);
                    break;
                case false:
                    stats.RecordTextCheck(verified: true);
                    stats.RecordViolation(ViolationKind.TextMismatch, $"TextMismatch: {tag}: the deltas ({text.Length} chars) differ from the model's text");
                    break;
                default:
                    stats.RecordTextCheck(verified: false);
                    break;
            }
        }
    }

    /// <summary>
    /// The verdict (true when the texts match, false when they differ, null when no completed transcript was found)
    /// and the model's own time to first token in microseconds: the first attempt that sent a token, so time lost
    /// to attempts that failed before any token stays with the service.
    /// </summary>
    private async Task<(bool? Verdict, long? ModelTimeToFirstTokenUs)> CheckAsync(string tag, string text)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            try
            {
                var transcripts = await _control.TranscriptsAsync(tag, patience.Token);
                var completed = transcripts.LastOrDefault(t => t.Outcome == "completed");
                if (completed is not null)
                {
                    var firstToken = transcripts.FirstOrDefault(t => t.FirstTokenMs is not null)?.FirstTokenMs;
                    return (string.Equals(completed.Text, text, StringComparison.Ordinal), firstToken is { } ms ? (long)(ms * 1000) : null);
                }

                await Task.Delay(100, patience.Token);
            }
            catch (OperationCanceledException)
            {
                return (null, null);
            }
            catch (HttpRequestException)
            {
                return (null, null);
            }
        }
    }

    /// <summary>Finishes the checks already queued (up to <paramref name="patience"/>).</summary>
    public async Task CompleteAsync(TimeSpan patience)
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_consumers).WaitAsync(patience).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync() => await CompleteAsync(TimeSpan.FromSeconds(1));

    private readonly record struct Check(string Tag, string Text, long? ClientTimeToFirstTokenUs, AnswerStats Stats);
}
