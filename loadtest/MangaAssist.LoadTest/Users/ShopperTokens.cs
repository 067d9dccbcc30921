using MangaAssist.LocalEdge.Stack;

namespace MangaAssist.LoadTest.Users;

/// <summary>
/// One token per virtual shopper, fetched from the development issuer before the run starts, so signing them
/// never competes with the measured load. Each shopper is its own principal (<c>loadtest-shopper-{id}</c>), as
/// real shoppers are: limits, memory and resumes are per shopper.
/// </summary>
internal static class ShopperTokens
{
    /// <summary>Requests in flight at once: enough to keep the issuer busy, few enough not to queue thousands of sockets.</summary>
    public const int Parallelism = 8;

    public static string Subject(int userId) => $"loadtest-shopper-{userId}";

    /// <summary>Token of user <c>i</c> at index <c>i</c>; each lives <paramref name="lifetime"/>.</summary>
    public static async Task<string[]> FetchAsync(Uri issuer, int users, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        using var client = new DevTokenClient(issuer);
        var tokens = new string[users];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, users),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (id, token) => tokens[id] = await client.IssueTokenAsync(Subject(id), lifetime, token));
        return tokens;
    }

    /// <summary>The gateway URL a shopper holding <paramref name="token"/> connects to (<c>?token=</c>, as a browser would).</summary>
    public static Uri ConnectUri(Uri target, string? token)
    {
        if (token is null)
        {
            return target;
        }

        var builder = new UriBuilder(target);
        var query = builder.Query.TrimStart('?');
        builder.Query = (query.Length > 0 ? query + "&" : "") + "token=" + Uri.EscapeDataString(token);
        return builder.Uri;
    }
}
