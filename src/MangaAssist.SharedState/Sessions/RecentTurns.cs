namespace MangaAssist.SharedState.Sessions;

internal static class RecentTurns
{
    /// <summary>From turns oldest first, the newest ones within both bounds, oldest first.</summary>
    public static IReadOnlyList<ConversationTurn> Select(IReadOnlyList<ConversationTurn> turns, int maxTurns, int maxApproxTokens)
    {
        var taken = new List<ConversationTurn>();
        var tokens = 0;
        for (var i = turns.Count - 1; i >= 0 && taken.Count < maxTurns; i--)
        {
            tokens += turns[i].ApproxTokens;
            if (tokens > maxApproxTokens)
            {
                break;
            }

            taken.Add(turns[i]);
        }

        taken.Reverse();
        return taken;
    }

    public static void CheckBounds(int maxTurns, int maxApproxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTurns);
        ArgumentOutOfRangeException.ThrowIfNegative(maxApproxTokens);
    }
}
