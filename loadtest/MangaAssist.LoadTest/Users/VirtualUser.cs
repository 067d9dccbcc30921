using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Protocol;

namespace MangaAssist.LoadTest.Users;

/// <summary>
/// One shopper: one WebSocket, one question at a time. A receive loop checks every frame against
/// the protocol as it arrives, including frames that come after an answer's terminal frame.
/// </summary>
internal sealed partial class VirtualUser(int id, AnswerStats stats) : IAsyncDisposable
{
    private const int RecentAnswers = 4;

    private readonly ClientWebSocket _socket = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Queue<AnswerTracker> _recent = new();
    private readonly HashSet<AnswerTracker> _recorded = [];
    private AnswerTracker? _current;
    private byte[]? _currentMessage;
    private bool _resuming;
    private TaskCompletionSource? _terminal;
    private Task? _receiving;

    public int Id => id;

    public AnswerStats Stats => stats;

    public bool IsOpen => _socket.State == WebSocketState.Open && _receiving is { IsCompleted: false };

    public async Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await _socket.ConnectAsync(url, cancellationToken);
        _receiving = Task.Run(ReceiveLoopAsync, CancellationToken.None);
    }

    /// <summary>Sends one client message and waits for its terminal frame.</summary>
    /// <param name="giveUp">Cancelled when the run stops waiting for answers (the answer is then unfinished, not judged).</param>
    public async Task<(AskOutcome Outcome, AnswerTracker? Answer)> AskAsync(
        string requestId, byte[] message, TimeSpan answerTimeout, CancellationToken giveUp)
    {
        if (!IsOpen)
        {
            return (AskOutcome.NotSent, null);
        }

        var terminal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AnswerTracker answer;
        lock (_gate)
        {
            answer = new AnswerTracker(requestId, Stopwatch.GetTimestamp());
            _current = answer;
            _currentMessage = message;
            _resuming = false;
            _terminal = terminal;
        }

        if (!await TrySendAsync(message))
        {
            lock (_gate)
            {
                _current = null;
            }

            return (AskOutcome.NotSent, null);
        }

        var outcome = AskOutcome.Finished;
        try
        {
            await terminal.Task.WaitAsync(answerTimeout, giveUp);
        }
        catch (TimeoutException)
        {
            outcome = AskOutcome.Abandoned;
        }
        catch (OperationCanceledException)
        {
            outcome = AskOutcome.Unfinished;
        }

        lock (_gate)
        {
            // Asked again under another id after API Gateway failed the first attempt: that attempt is the answer.
            answer = _current ?? answer;
            if (outcome == AskOutcome.Abandoned)
            {
                answer.Abandon(Stopwatch.GetTimestamp());
            }
            else if (outcome == AskOutcome.Finished && !answer.IsFinished)
            {
                outcome = AskOutcome.Abandoned; // released by the socket closing
            }

            if (outcome != AskOutcome.Unfinished)
            {
                _recorded.Add(answer);
            }

            _current = null;
            _recent.Enqueue(answer);
            if (_recent.Count > RecentAnswers)
            {
                _recorded.Remove(_recent.Dequeue());
            }
        }

        return (outcome, answer);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
        var count = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                count += result.Count;
                if (result.EndOfMessage)
                {
                    OnMessage(buffer.AsSpan(0, count), Stopwatch.GetTimestamp());
                    count = 0;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            lock (_gate)
            {
                // The connection is gone: the answer in flight can no longer end properly.
                _terminal?.TrySetResult();
            }
        }
    }

    private void OnMessage(ReadOnlySpan<byte> message, long receivedAt)
    {
        if (GatewayRecovery.IsGatewayFailure(message))
        {
            OnGatewayFailure();
            return;
        }

        if (!ServiceFrame.TryParse(message, out var frame) || frame.RequestId is null)
        {
            // The bytes name what sent it (the gateway or the service): the load tool's own questions, no shopper's text.
            stats.RecordViolation(ViolationKind.MalformedFrame, $"MalformedFrame: {Encoding.UTF8.GetString(message[..Math.Min(message.Length, 200)])}");
            return;
        }

        lock (_gate)
        {
            var answer = _current is { } current && current.RequestId == frame.RequestId
                ? current
                : _recent.FirstOrDefault(a => a.RequestId == frame.RequestId);
            if (answer is null)
            {
                stats.RecordViolation(ViolationKind.UnknownRequest);
                return;
            }

            if (answer == _current && _resuming && answer.Frames == 0 && frame is { Type: "error", Code: GatewayRecovery.ResumeUnavailable })
            {
                // The service never saw the question: ask again, as the client library does, under a fresh id.
                _resuming = false;
                _current = new AnswerTracker(GatewayRecovery.SecondAttemptId(answer.RequestId), answer.SentAt);
                _ = TrySendAsync(GatewayRecovery.WithRequestId(_currentMessage!, _current.RequestId));
                return;
            }

            var before = answer.Violations.Count;
            answer.Observe(frame, message.Length, receivedAt);
            if (_recorded.Contains(answer))
            {
                // Its answer was already counted: count what this late frame broke on its own.
                for (var i = before; i < answer.Violations.Count; i++)
                {
                    stats.RecordViolation(answer.Violations[i]);
                }
            }

            if (answer == _current && answer.IsFinished)
            {
                _terminal?.TrySetResult();
            }
        }
    }

    /// <summary>Sends one message (one send at a time on the socket); false when the socket is gone.</summary>
    private async Task<bool> TrySendAsync(byte[] message)
    {
        try
        {
            await _sendGate.WaitAsync(CancellationToken.None);
            try
            {
                await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                return true;
            }
            finally
            {
                _sendGate.Release();
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A client message as UTF-8 JSON.</summary>
    public static byte[] Message(string action, string requestId, string sessionId, string text)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (text.Length * 3));
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("action", action);
            json.WriteString("requestId", requestId);
            json.WriteString("sessionId", sessionId);
            json.WriteString("message", text);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        _socket.Abort();
        if (_receiving is not null)
        {
            await _receiving;
        }

        _socket.Dispose();
        _sendGate.Dispose();
    }
}
