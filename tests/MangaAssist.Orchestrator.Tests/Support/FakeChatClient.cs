using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MangaAssist.Aws.Bedrock;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Tests.Support;

/// <summary>
/// A scripted model: each streaming call plays the next scripted step (text chunks, then a stop, a
/// <see cref="BedrockException"/>, or a stall until cancelled) and records what it was asked.
/// A call beyond the script fails the test. Steps run synchronously up to a stall, so a caller that
/// is off xUnit's synchronization context has its retry timers set before it gets control back.
/// </summary>
public sealed class FakeChatClient : IChatClient
{
    private readonly ConcurrentQueue<Step> _script = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _stalls = new();
    private readonly List<ReceivedCall> _calls = [];
    private readonly Lock _gate = new();

    /// <summary>The calls made so far, in order.</summary>
    public IReadOnlyList<ReceivedCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The next call streams <paramref name="chunks"/> and ends with <c>end_turn</c>.</summary>
    public FakeChatClient Answers(params string[] chunks) => Enqueue(new Step(chunks, null, Stall: false));

    /// <summary>The next call streams <paramref name="chunksBefore"/>, then throws a Bedrock error of <paramref name="kind"/>.</summary>
    public FakeChatClient Fails(BedrockErrorKind kind, TimeSpan? retryAfter = null, params string[] chunksBefore) =>
        Enqueue(new Step(chunksBefore, new BedrockException(kind, $"Scripted {kind}.", inStream: chunksBefore.Length > 0, retryAfter: retryAfter), Stall: false));

    /// <summary>The next call streams <paramref name="chunksBefore"/>, then goes silent until it is cancelled.</summary>
    public FakeChatClient Stalls(params string[] chunksBefore) => Enqueue(new Step(chunksBefore, null, Stall: true));

    /// <summary>Completes when call number <paramref name="call"/> (1-based) has sent its chunks and gone silent.</summary>
    public Task StalledAsync(int call) => StallSignal(call).Task.WaitAsync(TimeSpan.FromSeconds(10));

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var received = new ReceivedCall([.. messages], options?.ModelId, cancellationToken, options);
        int number;
        lock (_gate)
        {
            _calls.Add(received);
            number = _calls.Count;
        }

        if (!_script.TryDequeue(out var step))
        {
            throw new InvalidOperationException($"Call {number} to {options?.ModelId} was not scripted.");
        }

        foreach (var chunk in step.Chunks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk);
        }

        if (step.Failure is not null)
        {
            throw step.Failure;
        }

        if (step.Stall)
        {
            StallSignal(number).TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = step.Chunks.Count })],
        };
        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            FinishReason = ChatFinishReason.Stop,
            AdditionalProperties = new AdditionalPropertiesDictionary { ["stopReason"] = "end_turn" },
        };
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The service streams every answer.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private FakeChatClient Enqueue(Step step)
    {
        _script.Enqueue(step);
        return this;
    }

    private TaskCompletionSource StallSignal(int call) =>
        _stalls.GetOrAdd(call, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed record Step(IReadOnlyList<string> Chunks, BedrockException? Failure, bool Stall);

    /// <summary>What one model call was asked: the messages (with any continuation prefill), the model, its token.</summary>
    public sealed record ReceivedCall(IReadOnlyList<ChatMessage> Messages, string? ModelId, CancellationToken CancellationToken, ChatOptions? Options = null)
    {
        /// <summary>The assistant prefill of a continuation, or null for a call from the start.</summary>
        public string? Prefill => Messages.Count > 0 && Messages[^1].Role == ChatRole.Assistant ? Messages[^1].Text : null;
    }
}
