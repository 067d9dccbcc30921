using MangaAssist.Retrieval.Prompting;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// One model call in a first-token race: it listens until its first text (keeping what it heard), and can then
/// hand over its whole stream. Disposing it cancels the call, waits for it to stop, and releases it.
/// </summary>
public sealed class Contender : IAsyncDisposable
{
    private readonly CancellationTokenSource _call;
    private readonly IAsyncEnumerator<ChatResponseUpdate> _updates;
    private readonly List<ChatResponseUpdate> _heard = [];
    private readonly ChatMessage[] _messages;
    private int _estimatedInputTokens = -1;
    private int _disposed;

    public Contender(string model, IReadOnlyList<ChatMessage> messages, Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> open, CancellationToken attemptToken)
    {
        Model = model;
        _messages = [.. messages];
        _call = CancellationTokenSource.CreateLinkedTokenSource(attemptToken);
        _updates = open(_call.Token).GetAsyncEnumerator(_call.Token);
        FirstText = ListenAsync();
    }

    public string Model { get; }

    /// <summary>
    /// The prompt's size, estimated: what a call cancelled before it reported usage is charged, since Bedrock
    /// bills the input it began to process. Estimated when first asked: almost every call reports its usage, and
    /// estimating the whole prompt for each one was ~1 % of the service's CPU at 200 streams.
    /// </summary>
    public int EstimatedInputTokens
    {
        get
        {
            // A race only computes the same number twice.
            if (_estimatedInputTokens < 0)
            {
                _estimatedInputTokens = _messages.Sum(static m => TokenEstimator.Estimate(m.Text));
            }

            return _estimatedInputTokens;
        }
    }

    /// <summary>True when the call produced text; false when it ended without any; faulted when it failed.</summary>
    public Task<bool> FirstText { get; }

    /// <summary>Whether the call produced text (so far, without waiting).</summary>
    public bool Spoke => FirstText.IsCompletedSuccessfully && FirstText.Result;

    /// <summary>Everything the call sends: what it sent up to its first text, then the rest. Call once, after <see cref="FirstText"/>.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> ReadAllAsync()
    {
        await FirstText;
        foreach (var update in _heard)
        {
            yield return update;
        }

        while (await _updates.MoveNextAsync())
        {
            yield return _updates.Current;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _call.CancelAsync();
        try
        {
            await FirstText;
            await _updates.DisposeAsync();
        }
        catch (Exception) when (_call.IsCancellationRequested)
        {
            // A cancelled loser (or a failed one) has nothing left to say.
        }

        _call.Dispose();
    }

    private async Task<bool> ListenAsync()
    {
        while (await _updates.MoveNextAsync())
        {
            _heard.Add(_updates.Current);
            if (_updates.Current.Contents.Any(static c => c is TextContent { Text.Length: > 0 }))
            {
                return true;
            }
        }

        return false;
    }
}
