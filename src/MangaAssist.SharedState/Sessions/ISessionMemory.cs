namespace MangaAssist.SharedState.Sessions;

/// <summary>The recent turns of a conversation, for the prompt builder; shared by every instance.</summary>
public interface ISessionMemory
{
    /// <summary>Adds a turn after the others; keeps at most <c>MaxStoredTurns</c> and restarts the session's TTL.</summary>
    Task AppendTurnAsync(string sessionId, ConversationTurn turn, CancellationToken cancellationToken = default);

    /// <summary>Adds <paramref name="turns"/> in order, as <see cref="AppendTurnAsync"/> each (shared memory: in one round trip).</summary>
    async Task AppendTurnsAsync(string sessionId, IReadOnlyList<ConversationTurn> turns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turns);
        foreach (var turn in turns)
        {
            await AppendTurnAsync(sessionId, turn, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The latest turns, oldest first: at most <paramref name="maxTurns"/>, and no more than fit in
    /// <paramref name="maxApproxTokens"/> (<see cref="TokenEstimate"/>) counting back from the newest.
    /// Empty for an unknown or expired session.
    /// </summary>
    Task<IReadOnlyList<ConversationTurn>> ReadRecentAsync(string sessionId, int maxTurns, int maxApproxTokens, CancellationToken cancellationToken = default);
}

public enum TurnRole
{
    User,
    Assistant,
}

/// <summary>One message of a conversation.</summary>
public sealed record ConversationTurn(TurnRole Role, string Text)
{
    public int ApproxTokens => TokenEstimate.Of(Text);
}

/// <summary>
/// A cheap stand-in for the model's tokenizer: one token per kana, kanji or full-width character, one per
/// four other characters. Claude's tokenizer is not public; this errs high for Japanese, which is safe for budgets.
/// </summary>
public static class TokenEstimate
{
    public static int Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var wide = 0;
        var other = 0;
        foreach (var c in text)
        {
            if (c >= '\u3000' && c <= '\u9FFF' || c >= '\uF900' && c <= '\uFAFF' || c >= '\uFF00' && c <= '\uFFEF' || char.IsSurrogate(c))
            {
                wide++;
            }
            else
            {
                other++;
            }
        }

        return wide + (other + 3) / 4;
    }
}
