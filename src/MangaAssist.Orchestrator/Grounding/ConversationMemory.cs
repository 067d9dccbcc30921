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

    /// <summary>The session a request's turns are kept under, and how many tokens of them a prompt takes at most.</summary>
    public static (string SessionId, int MaxApproxTokens) ReadOf(ChatRequest request) => (KeyOf(request), request.Profile.ContextTokenBudget / 2);

    /// <summary>Stored turns as prompt messages.</summary>
    public static IReadOnlyList<ChatMessage> ToMessages(IReadOnlyList<ConversationTurn> turns) =>
        [.. turns.Select(t => new ChatMessage(t.Role == TurnRole.User ? ChatRole.User : ChatRole.Assistant, t.Text))];

    /// <summary>The question and its answer, as remembered.</summary>
    public static IReadOnlyList<ConversationTurn> TurnOf(ChatRequest request, string answer) =>
        [new ConversationTurn(TurnRole.User, request.Message), new ConversationTurn(TurnRole.Assistant, answer)];

    public async Task<IReadOnlyList<ChatMessage>> ReadAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var turns = await sessions.ReadRecentAsync(KeyOf(request), MaxTurns, request.Profile.ContextTokenBudget / 2, cancellationToken);
            return ToMessages(turns);
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
            await sessions.AppendTurnsAsync(KeyOf(request), TurnOf(request, answer));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.MemoryUnavailable(logger, request.RequestId, exception.GetType().Name);
        }
    }
}
