using MangaAssist.Orchestrator.Intake;
using MangaAssist.SharedState.Sessions;
using MangaAssist.SharedState.Shoppers;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Grounding;

/// <summary>
/// The session's recent turns, kept under the principal who asked (another shopper's session id finds nothing), shared by every instance: read into the prompt, written when an
/// answer completes. Memory is a help, never a dependency: when it fails the question is answered
/// on its own.
/// </summary>
public sealed class ConversationMemory(ISessionMemory sessions, ILogger<ConversationMemory> logger)
{
    /// <summary>Turns read back into a prompt, at most.</summary>
    public const int MaxTurns = 10;

    public async Task<IReadOnlyList<ChatMessage>> ReadAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var turns = await sessions.ReadRecentAsync(KeyOf(request), MaxTurns, request.Profile.ContextTokenBudget / 2, cancellationToken);
            return [.. turns.Select(t => new ChatMessage(t.Role == TurnRole.User ? ChatRole.User : ChatRole.Assistant, t.Text))];
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.MemoryUnavailable(logger, request.RequestId, exception.GetType().Name);
            return [];
        }
    }

    private static string KeyOf(ChatRequest request) => ShopperKeys.Session(request.Principal.Id, request.SessionId);

    public async Task RememberAsync(ChatRequest request, string answer)
    {
        try
        {
            await sessions.AppendTurnsAsync(KeyOf(request), [new ConversationTurn(TurnRole.User, request.Message), new ConversationTurn(TurnRole.Assistant, answer)]);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.MemoryUnavailable(logger, request.RequestId, exception.GetType().Name);
        }
    }
}
