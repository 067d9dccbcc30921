namespace MangaAssist.Retrieval.Embedded;

/// <summary>Holds the embedded index once it is built; searches before that wait a bounded time.</summary>
internal sealed class EmbeddedIndexState : IRetrievalReadiness
{
    private readonly TaskCompletionSource<EmbeddedProductIndex> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    public EmbeddedProductIndex? Index => _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result : null;

    public void Publish(EmbeddedProductIndex index) => _ready.TrySetResult(index);

    public async Task<bool> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IsReady)
        {
            return true;
        }

        if (timeout <= TimeSpan.Zero)
        {
            return false;
        }

        try
        {
            await _ready.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async Task<EmbeddedProductIndex?> GetAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        await WaitUntilReadyAsync(wait, cancellationToken).ConfigureAwait(false) ? Index : null;
}
