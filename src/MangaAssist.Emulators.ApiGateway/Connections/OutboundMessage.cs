namespace MangaAssist.Emulators.ApiGateway.Connections;

/// <summary>A message queued for a client socket; completes with true once all its frames were written.</summary>
internal sealed class OutboundMessage(ReadOnlyMemory<byte> data)
{
    private readonly TaskCompletionSource<bool> _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReadOnlyMemory<byte> Data { get; } = data;

    public Task<bool> Sent => _sent.Task;

    public void Complete(bool sent) => _sent.TrySetResult(sent);
}
