namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// First-token hedging: when the call has said nothing after a share of its first-token budget, a second
/// call (the next model) starts beside it, and whichever speaks first answers. A call that fails or ends
/// without text before the other speaks does not win.
/// </summary>
public static class FirstTokenHedge
{
    /// <param name="startHedge">Starts the second call, or returns null when no hedge is allowed (budget, circuit, chain).</param>
    /// <returns>The call to read the answer from, and the other one (to cancel), if a hedge started.</returns>
    public static async Task<(Contender Winner, Contender? Loser)> RaceAsync(
        Contender primary, TimeSpan hedgeAfter, Func<Contender?> startHedge, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (hedgeAfter <= TimeSpan.Zero || primary.FirstText.IsCompleted)
        {
            return (primary, null);
        }

        using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var patience = Task.Delay(hedgeAfter, timeProvider, timer.Token);
            var first = await Task.WhenAny(primary.FirstText, patience);
            await timer.CancelAsync();
            if (first == primary.FirstText || cancellationToken.IsCancellationRequested)
            {
                return (primary, null);
            }
        }

        var hedge = startHedge();
        if (hedge is null)
        {
            return (primary, null);
        }

        var earlier = await Task.WhenAny(primary.FirstText, hedge.FirstText);
        var (winner, loser) = earlier == primary.FirstText ? (primary, hedge) : (hedge, primary);
        return winner.Spoke ? (winner, loser) : (loser, winner);
    }
}
