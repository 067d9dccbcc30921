using MangaAssist.LoadTest.Metrics;

namespace MangaAssist.LoadTest.Users;

/// <summary>Opens the users' WebSockets at a bounded rate (batches every 100 ms), each with its shopper token.</summary>
internal static class UserConnector
{
    /// <returns>The users that connected (ids <paramref name="firstId"/> on) and how many could not.</returns>
    public static async Task<(List<VirtualUser> Users, long Failures)> ConnectAsync(
        Uri target, IReadOnlyList<string>? tokens, int count, int connectsPerSecond, Func<int, AnswerStats> statsFor, CancellationToken cancellationToken, int firstId = 0)
    {
        var users = new List<VirtualUser>(count);
        long failures = 0;
        var batch = Math.Max(1, connectsPerSecond / 10);
        for (var first = firstId; first < firstId + count; first += batch)
        {
            var tick = Task.Delay(100, cancellationToken);
            var connecting = Enumerable.Range(first, Math.Min(batch, firstId + count - first)).Select(async id =>
            {
                var user = new VirtualUser(id, statsFor(id));
                try
                {
                    await user.ConnectAsync(ShopperTokens.ConnectUri(target, tokens?[id]), cancellationToken);
                    return user;
                }
                catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                    await user.DisposeAsync();
                    return null;
                }
            });
            users.AddRange((await Task.WhenAll(connecting)).OfType<VirtualUser>());
            await tick;
        }

        return (users, failures);
    }
}
