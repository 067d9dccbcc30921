using System.Buffers;
using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.Redis;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>The <c>forget</c> action on a connection: forgets the principal's data and answers with one <c>forgotten</c> frame.</summary>
public sealed class ForgetRunner(ShopperDataForgetter forgetter, FramePoster poster, FrameStreamFactory streams, ILogger<ForgetRunner> logger)
{
    public async Task RunAsync(string connectionId, ShopperPrincipal principal, string? requestId)
    {
        ForgetResult result;
        try
        {
            result = await forgetter.ForgetAsync(principal, CancellationToken.None);
        }
        catch (SharedStateUnavailableException exception)
        {
            Log.ForgetFailed(logger, principal.Id, exception.GetType().Name);
            await streams.ForRefusal(connectionId, requestId).SendErrorAsync(ErrorCatalog.ForgetUnavailable, CancellationToken.None);
            return;
        }

        var frame = new ArrayBufferWriter<byte>(256);
        FrameSerializer.WriteForgotten(frame, requestId, result.Deleted, result.Cancelled);
        await poster.PostAsync(connectionId, frame.WrittenMemory, requestId, 0, CancellationToken.None);
    }
}
