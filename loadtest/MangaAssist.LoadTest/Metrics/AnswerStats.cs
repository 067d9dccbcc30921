using System.Diagnostics;
using MangaAssist.LoadTest.Protocol;

namespace MangaAssist.LoadTest.Metrics;

/// <summary>
/// What a group of virtual users measured: latency histograms (microseconds), frame counts and
/// outcome counters. One per worker, so users of different workers never share a lock; the
/// report merges them with <see cref="Add"/>.
/// </summary>
internal sealed class AnswerStats
{
    private readonly Lock _gate = new();

    /// <summary>Send → first <c>delta</c>, as the client sees it.</summary>
    public LogLinearHistogram TimeToFirstToken { get; } = new();

    /// <summary>
    /// Client time to first token minus the model's own time to first token for that very request, as the
    /// Bedrock emulator recorded it in its transcript (request accepted to first token flushed).
    /// </summary>
    public LogLinearHistogram ServiceAddedLatency { get; } = new();

    /// <summary>
    /// Client time to first token minus the configured model time to first token (<c>[[ttft:MS]]</c>): an upper
    /// bound that also charges the emulator's own delays on the shared CPU to the service.
    /// </summary>
    public LogLinearHistogram ServiceAddedUpperBound { get; } = new();

    /// <summary>Send → <c>start</c> frame: the round trip through gateway and service alone (no model involved).</summary>
    public LogLinearHistogram TimeToStart { get; } = new();

    /// <summary>Send → <c>start</c>, for answers whose <c>done</c> said <c>cached: true</c>.</summary>
    public LogLinearHistogram CachedTimeToStart { get; } = new();

    /// <summary>Send → first <c>delta</c>, for answers whose <c>done</c> said <c>cached: true</c>.</summary>
    public LogLinearHistogram CachedTimeToFirstDelta { get; } = new();

    /// <summary>Send → terminal frame.</summary>
    public LogLinearHistogram Duration { get; } = new();

    /// <summary>All frames of an answer (start, deltas, terminal).</summary>
    public LogLinearHistogram FramesPerAnswer { get; } = new();

    /// <summary>Average gap between consecutive deltas of an answer with at least two deltas (microseconds).</summary>
    public LogLinearHistogram DeltaGap { get; } = new();

    public long Sent { get; private set; }

    public long Done { get; private set; }

    public long Errors { get; private set; }

    /// <summary><c>done</c> answers replayed from the response cache (<c>cached: true</c>).</summary>
    public long CachedDone { get; private set; }

    public long Abandoned { get; private set; }

    /// <summary>
    /// API Gateway's own "Internal server error" / "Endpoint request timed out" for a question (its integration reached a
    /// dead task); the user then resumed the question and asked again, as the client library does.
    /// </summary>
    public long GatewayFailures { get; private set; }

    /// <summary>Answers with more deltas than one per flush interval allows (one frame of jitter tolerated).</summary>
    public long AnswersOverFrameBudget { get; private set; }

    public long TextVerified { get; private set; }

    public long TextUnverifiable { get; private set; }

    /// <summary>Checked answers whose model prompt carried catalog passages (<c>&lt;passage …&gt;</c>), and those whose prompt had none.</summary>
    public long Grounded { get; private set; }

    /// <inheritdoc cref="Grounded"/>
    public long Ungrounded { get; private set; }

    public long NegativeServiceAdded { get; private set; }

    public Dictionary<string, long> ErrorsByCode { get; } = new(StringComparer.Ordinal);

    public Dictionary<ViolationKind, long> Violations { get; } = [];

    /// <summary>The first few violations described (request id, what was seen).</summary>
    public List<string> ViolationExamples { get; } = [];

    public long ViolationCount => Violations.Values.Sum();

    public void RecordGatewayFailure()
    {
        lock (_gate)
        {
            GatewayFailures++;
        }
    }

    public void RecordSent()
    {
        lock (_gate)
        {
            Sent++;
        }
    }

    /// <summary>Takes back a <see cref="RecordSent"/>: the answer is recorded in other stats (the fleet signal it was in flight at), with its send.</summary>
    public void ForgetSent()
    {
        lock (_gate)
        {
            Sent--;
        }
    }

    /// <summary>Records a finished (or abandoned) answer.</summary>
    /// <param name="emulatorTimeToFirstTokenUs">The model's own time to first token, or null when unknown.</param>
    /// <param name="flushInterval">The service's flush interval, for the frames-per-interval check.</param>
    public void RecordAnswer(AnswerTracker answer, long? emulatorTimeToFirstTokenUs, TimeSpan flushInterval)
    {
        lock (_gate)
        {
            foreach (var violation in answer.Violations)
            {
                Violations[violation] = Violations.GetValueOrDefault(violation) + 1;
            }

            AddExamples(answer.Details);

            switch (answer.TerminalType)
            {
                case "done":
                    Done++;
                    if (answer.Cached)
                    {
                        CachedDone++;
                    }

                    break;
                case "error":
                    Errors++;
                    var code = answer.ErrorCode ?? "(none)";
                    ErrorsByCode[code] = ErrorsByCode.GetValueOrDefault(code) + 1;
                    break;
                default:
                    Abandoned++;
                    break;
            }

            if (answer.StartAt is { } start)
            {
                TimeToStart.Record(Micros(start - answer.SentAt));
                if (answer.Cached)
                {
                    CachedTimeToStart.Record(Micros(start - answer.SentAt));
                }
            }

            if (answer.FirstDeltaAt is { } firstDelta)
            {
                var ttft = Micros(firstDelta - answer.SentAt);
                TimeToFirstToken.Record(ttft);
                if (answer.Cached)
                {
                    CachedTimeToFirstDelta.Record(ttft);
                }

                // A cached answer never reached the model, so it has no model time to subtract.
                if (emulatorTimeToFirstTokenUs is { } own && !answer.Cached)
                {
                    if (ttft < own)
                    {
                        NegativeServiceAdded++;
                    }

                    ServiceAddedUpperBound.Record(ttft - own);
                }
            }

            if (answer.TerminalAt is { } end && answer.IsFinished)
            {
                Duration.Record(Micros(end - answer.SentAt));
                FramesPerAnswer.Record(answer.Frames);
            }

            if (answer is { Deltas: >= 2, FirstDeltaAt: { } first, LastDeltaAt: { } last })
            {
                var span = Micros(last - first);
                DeltaGap.Record(span / (answer.Deltas - 1));
                if (ExceedsFrameBudget(answer.Deltas, span, flushInterval))
                {
                    AnswersOverFrameBudget++;
                }
            }
        }
    }

    /// <summary>
    /// Records an answer that had no MangaAssist frames (a peer gateway's stream): how it ended, and its times
    /// (microseconds; null when that point was never reached).
    /// </summary>
    public void RecordStreamed(string terminal, string? errorCode, long? timeToFirstTokenUs, long? durationUs, long? emulatorTimeToFirstTokenUs)
    {
        lock (_gate)
        {
            switch (terminal)
            {
                case "done":
                    Done++;
                    break;
                case "error":
                    Errors++;
                    ErrorsByCode[errorCode ?? "(none)"] = ErrorsByCode.GetValueOrDefault(errorCode ?? "(none)") + 1;
                    break;
                default:
                    Abandoned++;
                    ErrorsByCode[errorCode ?? "(none)"] = ErrorsByCode.GetValueOrDefault(errorCode ?? "(none)") + 1;
                    break;
            }

            if (timeToFirstTokenUs is { } ttft)
            {
                TimeToFirstToken.Record(ttft);
                if (emulatorTimeToFirstTokenUs is { } own)
                {
                    ServiceAddedUpperBound.Record(ttft - own);
                }
            }

            if (durationUs is { } duration && terminal == "done")
            {
                Duration.Record(duration);
            }
        }
    }

    /// <summary>Records one answer's service-added time once the model's own time to first token for it is known.</summary>
    public void RecordServiceAdded(long clientTimeToFirstTokenUs, long modelTimeToFirstTokenUs)
    {
        lock (_gate)
        {
            if (clientTimeToFirstTokenUs < modelTimeToFirstTokenUs)
            {
                NegativeServiceAdded++;
            }

            ServiceAddedLatency.Record(clientTimeToFirstTokenUs - modelTimeToFirstTokenUs);
        }
    }

    public void RecordTextCheck(bool verified)
    {
        lock (_gate)
        {
            if (verified)
            {
                TextVerified++;
            }
            else
            {
                TextUnverifiable++;
            }
        }
    }

    public void RecordGrounding(bool grounded)
    {
        lock (_gate)
        {
            if (grounded)
            {
                Grounded++;
            }
            else
            {
                Ungrounded++;
            }
        }
    }

    public void RecordViolation(ViolationKind kind, string? example = null)
    {
        lock (_gate)
        {
            Violations[kind] = Violations.GetValueOrDefault(kind) + 1;
            if (example is not null)
            {
                AddExamples([example]);
            }
        }
    }

    private void AddExamples(IEnumerable<string> examples)
    {
        foreach (var example in examples)
        {
            if (ViolationExamples.Count < 20)
            {
                ViolationExamples.Add(example);
            }
        }
    }

    /// <summary>
    /// One delta per flush interval over the span from the first to the last delta allows
    /// 1 + span/interval deltas; one more is tolerated because arrival jitter can shorten the span
    /// the client sees.
    /// </summary>
    internal static bool ExceedsFrameBudget(int deltas, long spanUs, TimeSpan flushInterval)
    {
        var intervalUs = Math.Max(1, (long)(flushInterval.TotalMilliseconds * 1000));
        var allowed = 1 + (spanUs / intervalUs) + 1;
        return deltas > allowed;
    }

    /// <summary>Adds <paramref name="other"/>'s counts into this one (used on a fresh instance for a snapshot).</summary>
    public void Add(AnswerStats other)
    {
        lock (other._gate)
        {
            lock (_gate)
            {
                TimeToFirstToken.Add(other.TimeToFirstToken);
                ServiceAddedLatency.Add(other.ServiceAddedLatency);
                ServiceAddedUpperBound.Add(other.ServiceAddedUpperBound);
                TimeToStart.Add(other.TimeToStart);
                CachedTimeToStart.Add(other.CachedTimeToStart);
                CachedTimeToFirstDelta.Add(other.CachedTimeToFirstDelta);
                Duration.Add(other.Duration);
                FramesPerAnswer.Add(other.FramesPerAnswer);
                DeltaGap.Add(other.DeltaGap);
                Sent += other.Sent;
                Done += other.Done;
                Errors += other.Errors;
                CachedDone += other.CachedDone;
                Abandoned += other.Abandoned;
                GatewayFailures += other.GatewayFailures;
                AnswersOverFrameBudget += other.AnswersOverFrameBudget;
                Grounded += other.Grounded;
                Ungrounded += other.Ungrounded;
                TextVerified += other.TextVerified;
                TextUnverifiable += other.TextUnverifiable;
                NegativeServiceAdded += other.NegativeServiceAdded;
                foreach (var (code, count) in other.ErrorsByCode)
                {
                    ErrorsByCode[code] = ErrorsByCode.GetValueOrDefault(code) + count;
                }

                foreach (var (kind, count) in other.Violations)
                {
                    Violations[kind] = Violations.GetValueOrDefault(kind) + count;
                }

                AddExamples(other.ViolationExamples);
            }
        }
    }

    public static AnswerStats Merge(IEnumerable<AnswerStats> workers)
    {
        var merged = new AnswerStats();
        foreach (var worker in workers)
        {
            merged.Add(worker);
        }

        return merged;
    }

    internal static long Micros(long stopwatchTicks) => (long)(stopwatchTicks * (1_000_000.0 / Stopwatch.Frequency));
}
