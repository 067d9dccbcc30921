using MangaAssist.LoadTest.Protocol;

namespace MangaAssist.LoadTest.Users;

/// <summary>The user's side of <see cref="GatewayRecovery"/>: resume, then ask again, as the client library does.</summary>
internal sealed partial class VirtualUser
{
    /// <summary>
    /// API Gateway failed the integration of a question (the task it reached died): if the current one has no frame yet,
    /// resume it after a moment; the service replays it if it took it, or says it never saw it.
    /// </summary>
    private void OnGatewayFailure()
    {
        AnswerTracker current;
        lock (_gate)
        {
            if (_current is not { Frames: 0 } unanswered || _resuming)
            {
                return;
            }

            current = unanswered;
            _resuming = true;
        }

        stats.RecordGatewayFailure();
        _ = ResumeLaterAsync(current);
    }

    private async Task ResumeLaterAsync(AnswerTracker answer)
    {
        await Task.Delay(GatewayRecovery.ResumeAfter);
        byte[] resume;
        lock (_gate)
        {
            if (_current != answer || answer.Frames > 0)
            {
                return;
            }

            resume = GatewayRecovery.Resume(_currentMessage!, answer.RequestId);
        }

        // A closed socket ends the question anyway.
        await TrySendAsync(resume);
    }
}
