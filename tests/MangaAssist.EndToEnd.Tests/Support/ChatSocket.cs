using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>A shopper's WebSocket: sends client messages and sorts the frames it receives by request id.</summary>
public sealed class ChatSocket : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, Channel<Frame>> _byRequest = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiving;

    /// <summary>Every message received, in order, raw.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public WebSocketState State => _socket.State;

    public async Task ConnectAsync(Uri url)
    {
        await _socket.ConnectAsync(url, CancellationToken.None);
        _receiving = ReceiveLoopAsync();
    }

    public Task SendRawAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendAsync(object message) => SendRawAsync(JsonSerializer.Serialize(message));

    public Task AskAsync(string requestId, string message, string action = "sendMessage") =>
        SendAsync(new { action, requestId, sessionId = "s-e2e", message });

    /// <summary>Frames of <paramref name="requestId"/> up to and including its terminal frame.</summary>
    public async Task<Answer> ReadAnswerAsync(string requestId, TimeSpan? patience = null)
    {
        var channel = ChannelFor(requestId);
        var frames = new List<Frame>();
        using var timeout = new CancellationTokenSource(patience ?? Patience);
        while (true)
        {
            Frame frame;
            try
            {
                frame = await channel.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No terminal frame for {requestId} after {frames.Count} frame(s): {string.Join(" | ", frames.Select(f => f.Raw))}");
            }

            frames.Add(frame);
            if (frame.IsTerminal)
            {
                return new Answer(requestId, frames);
            }
        }
    }

    /// <summary>The next frame of <paramref name="requestId"/>.</summary>
    public async Task<Frame> ReadFrameAsync(string requestId) =>
        await ChannelFor(requestId).Reader.ReadAsync().AsTask().WaitAsync(Patience);

    /// <summary>Frames of <paramref name="requestId"/> that arrived so far and were not read.</summary>
    public int PendingFrames(string requestId) => ChannelFor(requestId).Reader.Count;

    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }
    }

    /// <summary>Drops the TCP connection without a close handshake, as a phone going into a tunnel does.</summary>
    public void Abort() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        if (_receiving is not null)
        {
            await _receiving;
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private Channel<Frame> ChannelFor(string requestId) =>
        _byRequest.GetOrAdd(requestId, _ => Channel.CreateUnbounded<Frame>());

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), _stop.Token);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var text = Encoding.UTF8.GetString(buffer, 0, count);
                Received.Enqueue(text);
                var frame = Frame.Parse(text, count);
                ChannelFor(frame.RequestId ?? "").Writer.TryWrite(frame);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The socket closed or the test is over.
        }
        catch (InvalidOperationException) when (_stop.IsCancellationRequested)
        {
            // Disposed between two receives: the abort left the socket "not connected" before the next ReceiveAsync.
        }
    }
}
