using System.Text.Json;
using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Emulators.Bedrock.Diagnostics;
using MangaAssist.Emulators.Bedrock.Errors;
using MangaAssist.Emulators.Bedrock.Faults;
using MangaAssist.Emulators.Bedrock.Configuration;
using MangaAssist.Emulators.Bedrock.Models;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>
/// <c>POST /model/{modelId}/converse</c>: the same answer as ConverseStream in one JSON response, after the time
/// the stream would have taken. In-stream fault markers answer with the matching HTTP error; resets, stalls,
/// malformed and no-end drop the connection (a stall first holds it until the client leaves or MaxStallMs
/// passes); content-filtered answers the first N tokens with <c>content_filtered</c>.
/// </summary>
internal sealed class ConverseHandler(
    ChatRequestPreparer preparer,
    EmulatorStats stats,
    TranscriptRecorder transcripts,
    TimeProvider time,
    IOptions<BedrockEmulatorOptions> options,
    ILogger<ConverseHandler> logger)
{
    public async Task HandleAsync(HttpContext context, string modelId)
    {
        stats.RequestReceived(BedrockOperation.Converse, modelId);
        var requestId = RequestIds.Ensure(context);

        var (chat, error) = await preparer.PrepareAsync(context, modelId, BedrockOperation.Converse);
        if (chat is null)
        {
            stats.RequestRejected();
            Log.Rejected(logger, nameof(BedrockOperation.Converse), modelId, requestId, error!.Type, error.Message);
            await BedrockErrorWriter.WriteAsync(context, error);
            return;
        }

        var tokens = chat.Answer.Tokens;
        var outcome = StreamOutcome.ClientAborted;
        IReadOnlyList<string> sent = [];
        try
        {
            if (chat.Fault is { } fault)
            {
                stats.FaultInjected(fault.Kind);
                Log.FaultInjected(logger, requestId, fault.Kind, fault.AfterTokens, fault.Source);
                outcome = await InjectAsync(context, chat, fault);
                return;
            }

            await chat.Pacer.WaitUntilAsync(chat.Pacer.DueAt(Math.Max(0, tokens.Count - 1)), context.RequestAborted);
            await WriteResponseAsync(context, chat, tokens, chat.Answer.StopReason, (long)chat.Pacer.Elapsed.TotalMilliseconds);
            chat.Pacer.TokenSent();
            sent = tokens;
            outcome = StreamOutcome.Completed;
        }
        catch (OperationCanceledException)
        {
            Log.ClientAborted(logger, requestId, 0);
        }
        finally
        {
            transcripts.Record(requestId, BedrockOperation.Converse, chat, sent, outcome);
        }
    }

    private async Task<StreamOutcome> InjectAsync(HttpContext context, PreparedChat chat, FaultPlan fault)
    {
        if (FaultKinds.NonStreamingEquivalent(fault.Kind) is { } error)
        {
            await BedrockErrorWriter.WriteAsync(context, error, fault.RetryAfterSeconds);
            return StreamOutcome.HttpError;
        }

        var maxStallMs = options.Value.MaxStallMs;
        if (FaultKinds.IsBeforeHeaders(fault.Kind))
        {
            return await ConnectionFaults.DropBeforeHeadersAsync(context, fault.Kind, time, maxStallMs);
        }

        var after = Math.Min(fault.AfterTokens, chat.Answer.Tokens.Count);
        await chat.Pacer.WaitUntilAsync(chat.Pacer.DueAt(after), context.RequestAborted);
        if (fault.Kind == FaultKind.ContentFiltered)
        {
            var kept = chat.Answer.Tokens.Take(after).ToArray();
            await WriteResponseAsync(context, chat, kept, StopReasons.ContentFiltered, (long)chat.Pacer.Elapsed.TotalMilliseconds);
            return StreamOutcome.Completed;
        }

        if (fault.Kind == FaultKind.Stall)
        {
            await ConnectionFaults.HoldSilentAsync(context, time, maxStallMs);
        }

        // Malformed and no-end answers have no whole-body equivalent: like a reset, the body never arrives.
        context.Abort();
        return fault.Kind == FaultKind.Stall ? StreamOutcome.Stalled : StreamOutcome.Reset;
    }

    private static async Task WriteResponseAsync(HttpContext context, PreparedChat chat, IReadOnlyList<string> tokens, string stopReason, long latencyMs)
    {
        var outputTokens = tokens.Count;

        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, BedrockJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartObject("output");
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteStartArray("content");
            json.WriteStartObject();
            json.WriteString("text", string.Concat(tokens));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("stopReason", stopReason);
            chat.WriteUsage(json, outputTokens);
            json.WriteStartObject("metrics");
            json.WriteNumber("latencyMs", latencyMs);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
