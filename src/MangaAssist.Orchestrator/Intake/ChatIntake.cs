using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Protocol;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>
/// Takes one client message from an integration request and decides, in microseconds, what
/// happens to it: refused with an error frame, a cancel, a duplicate, or a new answer started in
/// the background. It never waits for the model, so API Gateway's 29 s limit never applies.
/// </summary>
public sealed class ChatIntake(
    ClientMessageParser parser,
    ChatRequestRegistry registry,
    IAnswerRunner runner,
    ResumeRunner resumer,
    ForgetRunner forgetter,
    FrameStreamFactory streams,
    IOptions<ChatRoutesOptions> routes,
    ChatTelemetry telemetry,
    ILogger<ChatIntake> logger,
    IJobIntake? analyses = null)
{
    /// <param name="principal">The connection's principal: every id in the message is read within what it owns.</param>
    /// <param name="traceParent">The trace the answer continues (the integration request's, or API Gateway's X-Ray trace).</param>
    public void Accept(string connectionId, ShopperPrincipal principal, ReadOnlySpan<byte> body, System.Diagnostics.ActivityContext traceParent = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!parser.TryParse(body, out var message, out var error))
        {
            Refuse(connectionId, error!.RequestId, ErrorCatalog.InvalidMessage(error));
            return;
        }

        if (message!.Action == ClientActions.Ping)
        {
            _ = Task.Run(() => streams.SendPongAsync(connectionId, message.RequestId.Length > 0 ? message.RequestId : null));
            return;
        }

        if (message.Action == ClientActions.Cancel)
        {
            Cancel(connectionId, message.RequestId);
            return;
        }

        if (message.Action == ClientActions.Resume)
        {
            Resume(connectionId, principal, message);
            return;
        }

        if (message.Action == ClientActions.Forget)
        {
            _ = Task.Run(() => forgetter.RunAsync(connectionId, principal, message.RequestId.Length > 0 ? message.RequestId : null));
            return;
        }

        if (message.Action == ClientActions.Attach && analyses is not null)
        {
            Attach(connectionId, principal, message);
            return;
        }

        if (!registry.TryBegin(connectionId, message.RequestId, out var active, principal.Id))
        {
            // The first request with this id owns its frames; a second answer would interleave seq numbers.
            Log.DuplicateRequest(logger, connectionId, message.RequestId);
            return;
        }

        if (message.Action == ClientActions.Analyze && analyses is not null)
        {
            // A job: it outlives this socket and this instance; the socket follows its frames.
            Log.RequestAccepted(logger, connectionId, message.RequestId, message.Action, routes.Value.Analyze.ModelId);
            _ = Task.Run(() => analyses.RunAsync(connectionId, principal, message, active!, traceParent));
            return;
        }

        var profile = message.Action == ClientActions.Analyze ? routes.Value.Analyze : routes.Value.SendMessage;
        var request = new ChatRequest(connectionId, message.RequestId, message.SessionId!, message.Message!, message.Action, profile, principal, traceParent);
        Log.RequestAccepted(logger, connectionId, request.RequestId, request.Route, profile.ModelId);
        _ = Task.Run(() => runner.RunAsync(request, active!));
    }

    /// <summary>A route call on a connection with no principal: one <c>unauthorized</c> frame, and nothing else happens.</summary>
    public void RefuseUnauthorized(string connectionId) => Refuse(connectionId, null, ErrorCatalog.Unauthorized);

    private void Resume(string connectionId, ShopperPrincipal principal, ClientMessage message)
    {
        if (registry.Running(connectionId, message.RequestId) is { } running)
        {
            var afterSeq = message.AfterSeq ?? -1;
            if (afterSeq + 1 < running.PostsFromSeq)
            {
                // A gap at a take-over's seam: the frames the task that died logged and did not post. Registered as
                // a resume is, so the same ask twice is answered once and $disconnect stops it.
                var upTo = running.PostsFromSeq;
                if (registry.TryBegin(connectionId, "seam:" + message.RequestId + ":" + afterSeq, out var fill, principal.Id))
                {
                    _ = Task.Run(() => resumer.FillSeamAsync(connectionId, principal, message, upTo, fill!));
                }
                else
                {
                    Log.DuplicateRequest(logger, connectionId, message.RequestId);
                }

                return;
            }

            // The answer is still streaming to this connection (a client that heard nothing for a while asks too):
            // replaying it here would repeat seqs.
            Log.ResumeWhileStreaming(logger, connectionId, message.RequestId, afterSeq);
            return;
        }

        // Registered under its own id so $disconnect of the new connection stops it too.
        if (!registry.TryBegin(connectionId, "resume:" + message.RequestId + ":" + message.AfterSeq, out var active, principal.Id))
        {
            Log.DuplicateRequest(logger, connectionId, message.RequestId);
            return;
        }

        _ = Task.Run(() => resumer.RunAsync(connectionId, principal, message, active!));
    }

    private void Attach(string connectionId, ShopperPrincipal principal, ClientMessage message)
    {
        // Registered under its own id so $disconnect of this connection stops the following (never the job).
        if (!registry.TryBegin(connectionId, "attach:" + message.RequestId + ":" + message.AfterSeq, out var active, principal.Id))
        {
            Log.DuplicateRequest(logger, connectionId, message.RequestId);
            return;
        }

        _ = Task.Run(() => analyses!.AttachAsync(connectionId, principal, message, active!));
    }

    private void Cancel(string connectionId, string requestId)
    {
        var lookup = registry.TryCancel(connectionId, requestId);
        Log.CancelRequested(logger, connectionId, requestId, lookup);
        if (lookup == CancelLookup.Unknown)
        {
            Refuse(connectionId, requestId, ErrorCatalog.UnknownRequest(requestId));
        }

        // A cancel for an answer that already ended needs no reply: that answer already had its terminal frame.
    }

    private void Refuse(string connectionId, string? requestId, ErrorFrame error)
    {
        Log.MessageRefused(logger, connectionId, error.Code);
        telemetry.RecordRejected(error.Code);
        var stream = streams.ForRefusal(connectionId, requestId);
        _ = Task.Run(() => stream.SendErrorAsync(error, CancellationToken.None).AsTask());
    }
}
