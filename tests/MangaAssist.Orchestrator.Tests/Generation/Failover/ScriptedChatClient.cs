using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MangaAssist.Aws.Bedrock;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Tests.Generation.Failover;

/// <summary>
/// A model per model id, scripted call by call, on a <see cref="TimeProvider"/>: a call may wait before its first
/// token, send chunks, then end with a stop reason (as Bedrock spells it), end with none, fail, or go silent until
/// cancelled. It stands in for faults the Bedrock emulator cannot produce yet (truncation, malformed events,
/// input too long, content filtering, per-model slowness). A call beyond a model's script fails the test.
/// </summary>
public sealed class ScriptedChatClient(TimeProvider timeProvider) : IChatClient
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Step>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedCall> _calls = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);

    public IReadOnlyList<ReceivedCall> Calls => [.. _calls];

    public ScriptedChatClient Answers(string model, params string[] chunks) => Add(model, new Step(chunks, "end_turn"));

    public ScriptedChatClient Stops(string model, string stopReason, params string[] chunks) => Add(model, new Step(chunks, stopReason));

    /// <summary>The body ends cleanly after the chunks, with no stop reason at all.</summary>
    public ScriptedChatClient EndsWithoutStop(string model, params string[] chunks) => Add(model, new Step(chunks, null));

    public ScriptedChatClient Fails(string model, BedrockErrorKind kind, TimeSpan? retryAfter = null, int? status = null, params string[] chunksBefore) =>
        Add(model, new Step(chunksBefore, null, Failure: new BedrockException(kind, $"Scripted {kind}.", status, inStream: chunksBefore.Length > 0, retryAfter: retryAfter)));

    /// <summary>Sends the chunks, then is silent until cancelled.</summary>
    public ScriptedChatClient Stalls(string model, params string[] chunksBefore) => Add(model, new Step(chunksBefore, null, Stall: true));

    /// <summary>Waits <paramref name="delay"/> (on the time provider) before its first token, then answers.</summary>
    public ScriptedChatClient AnswersAfter(string model, TimeSpan delay, params string[] chunks) => Add(model, new Step(chunks, "end_turn", Delay: delay));

    /// <summary>Completes when a call to <paramref name="model"/> is waiting (silent, or before its first token).</summary>
    public Task WaitingAsync(string model) => Signal(model).Task.WaitAsync(TimeSpan.FromSeconds(10));

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? "";
        _calls.Enqueue(new ReceivedCall(model, [.. messages], cancellationToken));
        if (!_scripts.TryGetValue(model, out var script) || !script.TryDequeue(out var step))
        {
            throw new InvalidOperationException($"A call to {model} was not scripted.");
        }

        if (step.Delay is { } delay)
        {
            var wait = Task.Delay(delay, timeProvider, cancellationToken);
            Signal(model).TrySetResult();
            await wait;
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
            Signal(model).TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = step.Chunks.Count })],
        };
        if (step.StopReason is { } stop)
        {
            yield return new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                FinishReason = stop switch
                {
                    "max_tokens" => ChatFinishReason.Length,
                    "content_filtered" => ChatFinishReason.ContentFilter,
                    _ => ChatFinishReason.Stop,
                },
                AdditionalProperties = new AdditionalPropertiesDictionary { ["stopReason"] = stop },
            };
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The service streams every answer.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private ScriptedChatClient Add(string model, Step step)
    {
        _scripts.GetOrAdd(model, static _ => new ConcurrentQueue<Step>()).Enqueue(step);
        return this;
    }

    private TaskCompletionSource Signal(string model) =>
        _waiting.GetOrAdd(model, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed record Step(IReadOnlyList<string> Chunks, string? StopReason, BedrockException? Failure = null, bool Stall = false, TimeSpan? Delay = null);

    /// <summary>One call: the model, the messages (with any continuation), its token.</summary>
    public sealed record ReceivedCall(string Model, IReadOnlyList<ChatMessage> Messages, CancellationToken CancellationToken)
    {
        public string? Prefill => Messages.Count > 0 && Messages[^1].Role == ChatRole.Assistant ? Messages[^1].Text : null;
    }
}
