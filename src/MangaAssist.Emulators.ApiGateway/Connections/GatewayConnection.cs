using System.Net.WebSockets;
using System.Threading.Channels;
using MangaAssist.Emulators.ApiGateway.Diagnostics;
using MangaAssist.Emulators.ApiGateway.Kernel;

namespace MangaAssist.Emulators.ApiGateway.Connections;

/// <summary>
/// One accepted client socket. All writes go through a single-reader queue because
/// <see cref="WebSocket.SendAsync(ArraySegment{byte}, WebSocketMessageType, bool, CancellationToken)"/> is not safe to call
/// concurrently; the queue also keeps messages in the order they were posted.
/// </summary>
internal sealed class GatewayConnection : IAsyncDisposable
{
    /// <summary>How long a client gets to answer our close frame, or to read what is queued, before the socket is aborted.</summary>
    public static readonly TimeSpan CloseGracePeriod = TimeSpan.FromSeconds(5);

    private WebSocket? _socket;
    private readonly int _frameBytes;
    private readonly GatewayStats _stats;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<OutboundMessage> _outbound =
        Channel.CreateUnbounded<OutboundMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _aborted = new();
    private Task? _sendLoop;
    private DisconnectStatus? _closeStatus;
    private ITimer? _closeGrace;
    private long _lastActiveAtTicks;

    /// <summary>
    /// A connection whose <c>$connect</c> succeeded. Messages posted before <see cref="Attach"/> wait in the queue,
    /// so the service may post as soon as it has accepted <c>$connect</c>, as on AWS.
    /// </summary>
    public GatewayConnection(ConnectionDetails info, int frameBytes, GatewayStats stats, TimeProvider timeProvider)
    {
        Info = info;
        _frameBytes = frameBytes;
        _stats = stats;
        _timeProvider = timeProvider;
        _lastActiveAtTicks = info.ConnectedAt.UtcTicks;
    }

    public ConnectionDetails Info { get; }

    public string Id => Info.ConnectionId;

    public WebSocket Socket => _socket ?? throw new InvalidOperationException("The upgrade has not been accepted yet.");

    /// <summary>Binds the accepted socket and starts writing queued messages to it.</summary>
    public void Attach(WebSocket socket)
    {
        _socket = socket;
        _sendLoop = Task.Run(RunSendLoopAsync);
    }

    public DateTimeOffset LastActiveAt => new(Interlocked.Read(ref _lastActiveAtTicks), TimeSpan.Zero);

    /// <summary>Set once a close was requested; the first reason wins.</summary>
    public DisconnectStatus? CloseStatus => Volatile.Read(ref _closeStatus);

    /// <summary>Cancelled when the socket is torn down without a close handshake.</summary>
    public CancellationToken Aborted => _aborted.Token;

    public void MarkActive() => Interlocked.Exchange(ref _lastActiveAtTicks, _timeProvider.GetUtcNow().UtcTicks);

    /// <summary>Queues a text message; true once it was written, false when the connection is closing or gone.</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> data)
    {
        var message = new OutboundMessage(data);
        if (!_outbound.Writer.TryWrite(message))
        {
            return false;
        }

        return await message.Sent;
    }

    /// <summary>Starts closing: queued messages are still sent, then the close frame. Returns false if already closing.</summary>
    public bool RequestClose(DisconnectStatus status)
    {
        if (Interlocked.CompareExchange(ref _closeStatus, status, null) is not null)
        {
            return false;
        }

        _outbound.Writer.TryComplete();
        _closeGrace = _timeProvider.CreateTimer(
            static state => ((GatewayConnection)state!).Abort(), this, CloseGracePeriod, Timeout.InfiniteTimeSpan);
        return true;
    }

    /// <summary>Tears the socket down at once (no close handshake), e.g. when the client stopped answering.</summary>
    public void Abort()
    {
        RequestClose(DisconnectStatus.Abnormal);
        try
        {
            _aborted.Cancel();
            _socket?.Abort();
        }
        catch (ObjectDisposedException)
        {
            // Already torn down by DisposeAsync.
        }
    }

    /// <summary>
    /// Cuts the connection as a network failure would: the socket is torn down before anything else, so no close
    /// frame (and nothing still queued) reaches the client. False when the connection was already closing.
    /// </summary>
    public bool Drop()
    {
        if (CloseStatus is not null)
        {
            return false;
        }

        try
        {
            _aborted.Cancel();
            _socket?.Abort();
        }
        catch (ObjectDisposedException)
        {
            // Already torn down by DisposeAsync.
        }

        return RequestClose(DisconnectStatus.Abnormal);
    }

    private async Task RunSendLoopAsync()
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync())
        {
            message.Complete(!_aborted.IsCancellationRequested && await TrySendFramesAsync(message.Data));
        }

        await TrySendCloseFrameAsync();
    }

    private async Task<bool> TrySendFramesAsync(ReadOnlyMemory<byte> data)
    {
        var socket = Socket;
        try
        {
            var frames = 0;
            var remaining = data;
            do
            {
                var length = Utf8FrameSplitter.NextFrameLength(remaining.Span, _frameBytes);
                var endOfMessage = length == remaining.Length;
                await socket.SendAsync(remaining[..length], WebSocketMessageType.Text, endOfMessage, _aborted.Token);
                remaining = remaining[length..];
                frames++;
            }
            while (!remaining.IsEmpty);

            _stats.MessageSent(data.Length, frames);
            return true;
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    private async Task TrySendCloseFrameAsync()
    {
        var status = CloseStatus ?? DisconnectStatus.Shutdown;
        var socket = Socket;
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            var code = status.CanBeSent ? (WebSocketCloseStatus)status.Code : WebSocketCloseStatus.NormalClosure;
            await socket.CloseOutputAsync(code, status.Reason, _aborted.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client is already gone; the receive loop reports the disconnect.
        }
    }

    public async ValueTask DisposeAsync()
    {
        RequestClose(DisconnectStatus.Abnormal);
        if (_sendLoop is null)
        {
            // Never attached: whatever was posted in the meantime was not delivered.
            while (_outbound.Reader.TryRead(out var message))
            {
                message.Complete(false);
            }
        }
        else
        {
            try
            {
                await _sendLoop.WaitAsync(CloseGracePeriod, _timeProvider);
            }
            catch (TimeoutException)
            {
                Abort();
                await _sendLoop;
            }
        }

        if (_closeGrace is { } closeGrace)
        {
            await closeGrace.DisposeAsync();
        }

        _aborted.Dispose();
        _socket?.Dispose();
    }
}
