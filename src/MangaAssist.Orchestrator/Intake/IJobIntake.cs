using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Protocol;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>The socket's way into analysis jobs: the seam between intake and the job runner (which lives in Jobs/).</summary>
public interface IJobIntake
{
    /// <summary><c>analyze</c>: admits and submits the job, then follows its frames to the socket; ends <paramref name="active"/>.</summary>
    Task RunAsync(string connectionId, ShopperPrincipal principal, ClientMessage message, ActiveRequest active, System.Diagnostics.ActivityContext traceParent);

    /// <summary><c>attach</c>: follows the principal's job <c>requestId</c> from <c>afterSeq</c>; ends <paramref name="active"/>.</summary>
    Task AttachAsync(string connectionId, ShopperPrincipal principal, ClientMessage message, ActiveRequest active);
}
