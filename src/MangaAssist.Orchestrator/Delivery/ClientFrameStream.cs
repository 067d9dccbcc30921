using System.Buffers;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.Phases;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.Orchestrator.Delivery;

/// <summary>
/// The frames of one request on their way to one client: numbers them (seq 0, 1, 2, …), keeps
/// each under the frame limit by splitting long text, posts them one after another, and copies
/// each to the frame log when the answer is resumable. After a frame is lost nothing more is
/// posted: a gap in seq would break the protocol. Not thread-safe: one logical sender at a time
/// (start, then deltas, then the terminal frame).
/// </summary>
public sealed class ClientFrameStream(
    string connectionId,
    string? requestId,
    FramePoster poster,
    StreamingOptions streaming,
    FrameLogWriter? log = null,
    Func<bool>? detachWhenGone = null,
    long firstSeq = 0)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly List<byte[]> _deferred = [];
    private Task _lastLogged = Task.CompletedTask;
    private DeliveryResult _state = DeliveryResult.Delivered;
    private bool _terminalSent;
    private string? _loggedStartModel;

    /// <summary>The seq the next frame will carry.</summary>
    public long NextSeq { get; private set; } = firstSeq;

    /// <summary>Whether any answer text was sent.</summary>
    public bool DeliveredText { get; private set; }

    public DeliveryResult State => _state;

    /// <summary>
    /// The client left but the answer goes on into the frame log only, for a client that comes
    /// back with <c>resume</c>.
    /// </summary>
    public bool Detached { get; private set; }

    /// <summary>What the answer settles with its terminal frame (with Redis); null when the frame log writes nothing else.</summary>
    public AnswerSettlement? Settlement => log?.Settlement;

    /// <summary>
    /// Each frame waits for the frame log before it is posted (set for leased answers): a task that takes the answer
    /// over continues after the last logged frame, so the shopper never gets a frame twice.
    /// </summary>
    public bool LogBeforePost { get; set; }

    /// <summary>Whether the terminal frame (done or error) was written; nothing may follow it.</summary>
    public bool TerminalSent => _terminalSent;

    /// <summary>
    /// The <c>start</c> frame for admission to log in its own round trip (with Redis); null when nothing logs it there.
    /// Call <see cref="StartWasLogged"/> when it was.
    /// </summary>
    public LoggedStart? StartToLog(string model)
    {
        if (log is null || requestId is null || NextSeq != 0)
        {
            return null;
        }

        var start = new ArrayBufferWriter<byte>(128);
        FrameSerializer.WriteStart(start, requestId, 0, model);
        return log.StartForAdmission(start.WrittenMemory.ToArray());
    }

    /// <summary>The admission logged the <c>start</c> frame for <paramref name="model"/>: it is posted without another write.</summary>
    public void StartWasLogged(string model)
    {
        _loggedStartModel = model;
        log?.StartLogged();
    }

    public ValueTask<DeliveryResult> SendStartAsync(string model, CancellationToken cancellationToken)
    {
        var logged = _loggedStartModel is not null && NextSeq == 0;
        _buffer.ResetWrittenCount();
        FrameSerializer.WriteStart(_buffer, RequestIdOrThrow, NextSeq, model);
        return PostAsync(isTerminal: false, cancellationToken, inLog: logged);
    }

    /// <summary>Sends <paramref name="text"/> as one delta frame, or several when it does not fit one.</summary>
    /// <param name="deferPost">
    /// The next frame follows at once (the text is complete): a leased answer then writes this one with it, in one
    /// round trip, and posts both after that write. Without write-ahead it changes nothing.
    /// </param>
    public async ValueTask<DeliveryResult> SendDeltaAsync(string text, CancellationToken cancellationToken, bool deferPost = false)
    {
        var offset = 0;
        while (offset < text.Length && _state == DeliveryResult.Delivered)
        {
            var budget = streaming.MaxFrameBytes - FrameSerializer.DeltaEnvelopeBytes(RequestIdOrThrow, NextSeq);
            var length = DeltaTextSplitter.FittingPrefixLength(text.AsSpan(offset), budget);
            _buffer.ResetWrittenCount();
            FrameSerializer.WriteDelta(_buffer, RequestIdOrThrow, NextSeq, text.AsSpan(offset, length));
            if (await PostAsync(isTerminal: false, cancellationToken, deferPost: deferPost) == DeliveryResult.Delivered)
            {
                DeliveredText = true;
            }

            offset += length;
        }

        return _state;
    }

    /// <summary>Sends the citations; <c>done</c> follows at once, so with write-ahead they go in its write (see <see cref="SendDeltaAsync"/>).</summary>
    public ValueTask<DeliveryResult> SendCitationsAsync(IReadOnlyList<AnswerCitation> citations, CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        FrameSerializer.WriteCitations(_buffer, RequestIdOrThrow, NextSeq, citations);
        return PostAsync(isTerminal: false, cancellationToken, deferPost: true);
    }

    public ValueTask<DeliveryResult> SendDoneAsync(string stopReason, AnswerUsage? usage, bool cached, string model, CancellationToken cancellationToken)
    {
        MarkTerminal();
        _buffer.ResetWrittenCount();
        FrameSerializer.WriteDone(_buffer, RequestIdOrThrow, NextSeq, stopReason, usage, cached, model);
        return PostAsync(isTerminal: true, cancellationToken);
    }

    public async ValueTask<DeliveryResult> SendErrorAsync(ErrorFrame error, CancellationToken cancellationToken)
    {
        if (_loggedStartModel is { } model && NextSeq == 0 && _state == DeliveryResult.Delivered)
        {
            // The log already begins with start (an answer that failed right after admission): the client gets it too.
            await SendStartAsync(model, cancellationToken);
        }

        MarkTerminal();
        _buffer.ResetWrittenCount();
        FrameSerializer.WriteError(_buffer, requestId, NextSeq, error with { Partial = error.Partial || DeliveredText });
        return await PostAsync(isTerminal: true, cancellationToken);
    }

    /// <summary>
    /// Ends the frame log with <paramref name="error"/> when the client could not be reached, so a
    /// client that resumes learns how the answer ended instead of waiting for frames that never come.
    /// </summary>
    public async Task CloseLogAsync(ErrorFrame error)
    {
        if (log is null || _terminalSent || requestId is null)
        {
            return;
        }

        _terminalSent = true;
        if (_loggedStartModel is not null && NextSeq == 0)
        {
            // The admission logged start: the end follows it.
            NextSeq = 1;
        }

        _buffer.ResetWrittenCount();
        FrameSerializer.WriteError(_buffer, requestId, NextSeq, error with { Partial = error.Partial || DeliveredText });
        await log.AppendAsync(NextSeq, _buffer.WrittenMemory.ToArray(), isTerminal: true);
        NextSeq++;
    }

    /// <summary>Settles an answer that was handed over to another task: no terminal frame here, and the lease stays.</summary>
    public Task SettleHandedOverAsync() => log?.SettleHandedOverAsync() ?? Task.CompletedTask;

    /// <summary>
    /// Writes and posts the frames held back for the next one (<c>deferPost</c>), when no frame follows here after all
    /// (the answer is handed over): a task that takes it over starts after them, so the client must have them.
    /// </summary>
    public async Task<DeliveryResult> FlushAsync(CancellationToken cancellationToken)
    {
        if (_deferred.Count > 0 && _state == DeliveryResult.Delivered)
        {
            log?.Expedite();
            await _lastLogged;
            _state = await PostDeferredAsync(cancellationToken);
        }

        return _state;
    }

    private string RequestIdOrThrow =>
        requestId ?? throw new InvalidOperationException("Only error frames may be sent without a request id.");

    private void MarkTerminal()
    {
        // Promise 2 of the protocol: exactly one terminal frame, nothing after it.
        if (_terminalSent)
        {
            throw new InvalidOperationException("A terminal frame was already sent for this request.");
        }

        _terminalSent = true;
    }

    private async ValueTask<DeliveryResult> PostAsync(bool isTerminal, CancellationToken cancellationToken, bool deferPost = false, bool inLog = false)
    {
        if (_state != DeliveryResult.Delivered)
        {
            return _state;
        }

        var frame = _buffer.WrittenMemory;
        // The log copies the frame at once, so the buffer may be reused after the post. It writes behind the posts:
        // only a terminal frame waits until the whole answer is in the log, so the answer never ends before its log.
        var settles = isTerminal && log is { SettlesWithTerminal: true };
        var logged = inLog ? Task.CompletedTask : log?.AppendAsync(NextSeq, frame, isTerminal) ?? Task.CompletedTask;
        if (deferPost && LogBeforePost && log is not null && !Detached)
        {
            // Written ahead with the next frame, in its round trip, and posted just before it.
            _deferred.Add(frame.ToArray());
            _lastLogged = logged;
            NextSeq++;
            return DeliveryResult.Delivered;
        }

        if (LogBeforePost)
        {
            // Written at once, not at the end of the batch interval: the post waits for it.
            log?.Expedite();
            await logged;
        }

        if (Detached)
        {
            // Only a resumer reads these frames now: they go to the log at once.
            log?.Expedite();
            if (isTerminal)
            {
                await logged;
            }

            NextSeq++;
            return DeliveryResult.Delivered;
        }

        if (settles)
        {
            // The answer's charges and remembered turn land before its end reaches the client, who may ask again at once.
            await logged;
        }

        var result = _deferred.Count > 0 ? await PostDeferredAsync(cancellationToken) : DeliveryResult.Delivered;
        if (result == DeliveryResult.Delivered)
        {
            result = await poster.PostAsync(connectionId, frame, requestId, NextSeq, cancellationToken);
        }

        if (isTerminal || result != DeliveryResult.Delivered)
        {
            log?.Expedite();
            await logged;
        }

        // The frame is in the log whatever became of the post, so seq moves on for resumers.
        NextSeq++;
        if (result == DeliveryResult.ClientGone && detachWhenGone?.Invoke() == true)
        {
            Detached = true;
            return DeliveryResult.Delivered;
        }

        if (result != DeliveryResult.Delivered)
        {
            _state = result;
            if (log is null)
            {
                // Without a log nobody will ever see this seq.
                NextSeq--;
            }
        }

        return result;
    }

    /// <summary>Posts the held-back frames (already in the log) in order; stops at the first that is not delivered.</summary>
    private async Task<DeliveryResult> PostDeferredAsync(CancellationToken cancellationToken)
    {
        var seq = NextSeq - _deferred.Count;
        var result = DeliveryResult.Delivered;
        foreach (var frame in _deferred)
        {
            result = await poster.PostAsync(connectionId, frame, requestId, seq++, cancellationToken);
            if (result != DeliveryResult.Delivered)
            {
                break;
            }
        }

        _deferred.Clear();
        return result;
    }
}
