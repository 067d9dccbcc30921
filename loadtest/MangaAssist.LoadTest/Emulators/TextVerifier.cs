using System.Diagnostics;
using MangaAssist.LoadTest.Metrics;

namespace MangaAssist.LoadTest.Emulators;

/// <summary>
/// Promise 3 for <c>done</c> answers: the concatenated deltas must equal the text the model produced.
/// One background reader follows the Bedrock emulator's transcript ring by sequence
/// (<c>/_emulator/transcripts?after=N</c>), so each transcript is read once whatever the rate, and a
/// <see cref="TranscriptMatcher"/> pairs them with finished answers by the request's unique tag. The same
/// transcripts say when the model's first token went out, so each answer's service-added time to first token
/// is recorded against this request's own model time rather than the configured one. Off the users' path.
/// </summary>
internal sealed class TextVerifier : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KeepUnclaimed = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Each read starts this many sequences back, so a transcript whose slot was claimed but not yet written is found next time.</summary>
    private const long Overlap = 256;

    private const int ReadLimit = 2000;

    private readonly EmulatorControl _control;
    private readonly TranscriptMatcher _matcher = new(Patience, KeepUnclaimed);
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private long _after;
    private long _missed;

    public TextVerifier(EmulatorControl control)
    {
        _control = control;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Transcripts overwritten in the emulator's ring before the reader got to them (their answers become unverifiable).</summary>
    public long TranscriptsMissed => Interlocked.Read(ref _missed);

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _matcher.Waiting;
            }
        }
    }

    /// <param name="clientTimeToFirstTokenUs">The client's time to first token, for the service-added figure; null to skip it (a cached answer never reached the model).</param>
    public void Enqueue(string tag, string text, long? clientTimeToFirstTokenUs, AnswerStats stats)
    {
        lock (_gate)
        {
            _matcher.Expect(tag, text, clientTimeToFirstTokenUs, stats, _clock.Elapsed);
        }
    }

    private async Task ReadAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var full = false;
            try
            {
                var transcripts = await _control.TranscriptsAfterAsync(Math.Max(0, _after - Overlap), ReadLimit, _stop.Token);
                if (transcripts.Count > 0 && transcripts[0].Sequence > _after + 1)
                {
                    Interlocked.Add(ref _missed, transcripts[0].Sequence - (_after + 1));
                }

                lock (_gate)
                {
                    foreach (var transcript in transcripts)
                    {
                        _matcher.Observe(transcript, _clock.Elapsed);
                        _after = Math.Max(_after, transcript.Sequence);
                    }

                    _matcher.Expire(_clock.Elapsed);
                }

                // A full page means the ring is ahead of us: read on at once.
                full = transcripts.Count == ReadLimit;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                // The emulator is busy or restarting; the next read catches up (answers past their patience are unverifiable).
            }

            if (!full)
            {
                try
                {
                    await Task.Delay(PollInterval, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Finishes the checks already queued (up to <paramref name="patience"/>); what is left is unverifiable.</summary>
    public async Task CompleteAsync(TimeSpan patience)
    {
        var deadline = _clock.Elapsed + patience;
        while (Pending > 0 && _clock.Elapsed < deadline && !_reader.IsCompleted)
        {
            await Task.Delay(PollInterval);
        }

        await _stop.CancelAsync();
        await _reader.ContinueWith(_ => { }, TaskScheduler.Default);
        lock (_gate)
        {
            _matcher.GiveUp();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await CompleteAsync(TimeSpan.FromSeconds(1));
        }

        _stop.Dispose();
    }
}
