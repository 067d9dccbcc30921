using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.Orchestrator.Pipeline.Sources;
using MangaAssist.SharedState.ResponseCache;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Continuity;

/// <summary>
/// Re-prepares a taken-over answer (the turn is not remembered yet, so memory and retrieval give the same grounding
/// back) and continues the model from the text the shopper already has, by the continuation rules of a stream that
/// broke half-way: no text repeated, none missing. New text goes out as coalesced delta frames.
/// </summary>
public sealed class AnswerContinuation(
    ResilientAnswerGenerator generator, ConversationMemory memory, AnswerContextBuilder grounding, FlushPace pace, TimeProvider timeProvider)
{
    public async Task<(IReadOnlyList<ChatMessage> History, AnswerContext Context)> PrepareAsync(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var history = await memory.ReadAsync(answer.Request, answer.Token);
        return (history, await grounding.BuildAsync(answer.Request, history, answer.Token));
    }

    /// <returns>The whole answer (the text delivered before the take-over included), or null when it did not complete.</returns>
    public async Task<CompletedAnswer?> ContinueAsync(Answer answer, AnswerContext context, string alreadyDelivered)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(context);
        var request = answer.Request;
        var coalescer = pace.CreateCoalescer();
        // As a first answer's: the last batch, sent once the text is complete, is written ahead with the terminal frame.
        var textComplete = false;
        var pump = coalescer.PumpAsync((text, _) => ProduceStage.SendDeltaAsync(answer, text, deferPost: Volatile.Read(ref textComplete)), CancellationToken.None);
        using var totalTimeout = timeProvider.CreateTimer(
            static state => ((Intake.ActiveRequest)state!).Cancel(CancelReason.TotalTimeout), answer.Active, request.Profile.TotalTimeout, Timeout.InfiniteTimeSpan);
        answer.Source = AnswerSource.Model;
        try
        {
            var result = await generator.GenerateAsync(context.Prompt, request.Profile, coalescer.Append, answer.Token, alreadyDelivered, request.Message, request.Route, pace.ReadPacingFor(coalescer));
            answer.Generation = result;
            return result.Completed ? new CompletedAnswer(result.Text, result.Model, result.StopReason!, result.Usage, ModelSource.Cite(result.Text, context)) : null;
        }
        catch (OperationCanceledException) when (answer.Token.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            // Delivered before anything else is sent: the terminal frame must never race a delta for the next seq.
            Volatile.Write(ref textComplete, true);
            coalescer.Complete();
            await pump;
        }
    }
}
