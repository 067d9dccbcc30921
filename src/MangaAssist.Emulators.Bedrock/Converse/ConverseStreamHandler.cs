using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Emulators.Bedrock.Diagnostics;
using MangaAssist.Emulators.Bedrock.Errors;
using MangaAssist.Emulators.Bedrock.Faults;
using MangaAssist.Emulators.Bedrock.Configuration;
using MangaAssist.Emulators.Bedrock.Models;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary><c>POST /model/{modelId}/converse-stream</c>: the answer as paced <c>application/vnd.amazon.eventstream</c> events.</summary>
internal sealed class ConverseStreamHandler(
    ChatRequestPreparer preparer,
    EmulatorStats stats,
    TranscriptRecorder transcripts,
    TimeProvider time,
    IOptions<BedrockEmulatorOptions> options,
    ILogger<ConverseStreamHandler> logger)
{
    public const string EventStreamContentType = "application/vnd.amazon.eventstream";

    public async Task HandleAsync(HttpContext context, string modelId)
    {
        stats.RequestReceived(BedrockOperation.ConverseStream, modelId);
        var requestId = RequestIds.Ensure(context);

        var (chat, error) = await preparer.PrepareAsync(context, modelId, BedrockOperation.ConverseStream);
        if (chat is null)
        {
            stats.RequestRejected();
            Log.Rejected(logger, nameof(BedrockOperation.ConverseStream), modelId, requestId, error!.Type, error.Message);
            await BedrockErrorWriter.WriteAsync(context, error);
            return;
        }

        if (chat.Fault is { } fault)
        {
            stats.FaultInjected(fault.Kind);
            Log.FaultInjected(logger, requestId, fault.Kind, fault.AfterTokens, fault.Source);
            if (FaultKinds.HttpError(fault.Kind) is { } httpError)
            {
                await BedrockErrorWriter.WriteAsync(context, httpError, fault.RetryAfterSeconds);
                transcripts.Record(requestId, BedrockOperation.ConverseStream, chat, [], StreamOutcome.HttpError);
                return;
            }

            if (FaultKinds.IsBeforeHeaders(fault.Kind))
            {
                var dropped = await ConnectionFaults.DropBeforeHeadersAsync(context, fault.Kind, time, options.Value.MaxStallMs);
                transcripts.Record(requestId, BedrockOperation.ConverseStream, chat, [], dropped);
                return;
            }
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = EventStreamContentType;

        stats.StreamStarted();
        var sent = new List<string>(chat.Answer.Tokens.Count);
        var outcome = StreamOutcome.ClientAborted;
        try
        {
            outcome = await StreamAsync(context, chat, sent);
        }
        catch (OperationCanceledException)
        {
            Log.ClientAborted(logger, requestId, sent.Count);
        }
        catch (IOException)
        {
            Log.ClientAborted(logger, requestId, sent.Count);
        }
        finally
        {
            stats.StreamEnded(outcome);
            transcripts.Record(requestId, BedrockOperation.ConverseStream, chat, sent, outcome);
        }

        if (outcome is StreamOutcome.Reset or StreamOutcome.Stalled)
        {
            if (HttpProtocol.IsHttp2(context.Request.Protocol))
            {
                // Kestrel answers the exception with a RST_STREAM, and an HTTP/2 client drops the tokens it has
                // buffered but not read yet: the reset waits until a client that reads at least every quarter second
                // (the service's longest paced read) has them, so "after N tokens" holds over HTTP/2 too.
                await Task.Delay(Http2ResetGrace, TimeProvider.System, CancellationToken.None);
            }

            throw new EmulatedConnectionDropException();
        }
    }

    /// <summary>How long an HTTP/2 stream stays open, silent, between its last token and an emulated reset.</summary>
    internal static readonly TimeSpan Http2ResetGrace = TimeSpan.FromMilliseconds(300);

    private async Task<StreamOutcome> StreamAsync(HttpContext context, PreparedChat chat, List<string> sent)
    {
        var aborted = context.RequestAborted;
        using var writer = new ConverseStreamWriter(context.Response.BodyWriter, aborted);
        var tokens = chat.Answer.Tokens;
        var fault = chat.Fault;

        await writer.MessageStartAsync();
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (chat.GuardrailAfterTokens is { } blockedAt && i == Math.Min(blockedAt, tokens.Count))
            {
                await GuardrailInterventions.InterveneAsync(writer, chat, sent);
                return StreamOutcome.Completed;
            }

            if (fault is not null && i == Math.Min(fault.AfterTokens, tokens.Count))
            {
                return await InjectAsync(context, writer, chat, sent);
            }

            if (i == tokens.Count)
            {
                break;
            }

            await chat.Pacer.WaitForTokenAsync(i, aborted);
            await writer.DeltaAsync(tokens[i]);
            chat.Pacer.TokenSent();
            sent.Add(tokens[i]);
            stats.TokenSent();
        }

        await writer.ContentBlockStopAsync();
        await writer.MessageStopAsync(chat.Answer.StopReason);
        await writer.MetadataAsync(chat, tokens.Count, (long)chat.Pacer.Elapsed.TotalMilliseconds);
        return StreamOutcome.Completed;
    }

    private async Task<StreamOutcome> InjectAsync(HttpContext context, ConverseStreamWriter writer, PreparedChat chat, List<string> sent)
    {
        switch (chat.Fault!.Kind)
        {
            case FaultKind.Reset:
                return StreamOutcome.Reset;
            case FaultKind.Stall:
                await ConnectionFaults.HoldSilentAsync(context, time, options.Value.MaxStallMs);
                return StreamOutcome.Stalled;
            case FaultKind.NoEnd:
                // The body ends as a normal HTTP response would, only without the closing events.
                return StreamOutcome.EndedWithoutStop;
            case FaultKind.Malformed:
                var tokens = chat.Answer.Tokens;
                await writer.CorruptDeltaAsync(sent.Count < tokens.Count ? tokens[sent.Count] : " ");
                return StreamOutcome.Malformed;
            case FaultKind.ContentFiltered:
                await writer.ContentBlockStopAsync();
                await writer.MessageStopAsync(StopReasons.ContentFiltered);
                await writer.MetadataAsync(chat, sent.Count, (long)chat.Pacer.Elapsed.TotalMilliseconds);
                return StreamOutcome.Completed;
            default:
                await writer.ExceptionAsync(chat.Fault.Kind);
                return StreamOutcome.StreamException;
        }
    }
}
