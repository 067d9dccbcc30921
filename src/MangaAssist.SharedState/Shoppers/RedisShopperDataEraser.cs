using System.Text;
using MangaAssist.SharedState.Redis;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Shoppers;

/// <summary>
/// One <c>SCAN MATCH {prefix}*:{owner}:*</c> over every primary, then each match is checked against the
/// exact layout (<c>{prefix}{kind}:{owner}:</c>) before it is deleted: a client-chosen session id that
/// happens to contain another owner's id can never make its key match. The local fallbacks go too.
/// </summary>
internal sealed class RedisShopperDataEraser(RedisGateway redis, InMemoryShopperDataEraser local) : IShopperDataEraser
{
    private const int ScanPageSize = 500;

    public async Task<ErasedShopperData> EraseAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var counts = local.EraseLocal(ownerId);
        var shared = await redis.RunAsync("shopper.erase", db => EraseSharedAsync(db, ownerId), cancellationToken);
        foreach (var (kind, deleted) in shared)
        {
            counts[kind] = counts.GetValueOrDefault(kind) + deleted;
        }

        return new ErasedShopperData(counts);
    }

    private async Task<Dictionary<string, int>> EraseSharedAsync(IDatabase db, string ownerId)
    {
        var counts = ShopperKeys.Kinds.ToDictionary(kind => kind, _ => 0, StringComparer.Ordinal);
        var pattern = EscapeGlob(redis.KeyPrefix) + "*:" + ownerId + ":*";
        foreach (var server in db.Multiplexer.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(db.Database, pattern, ScanPageSize))
            {
                if (KindOf(key.ToString(), ownerId) is { } kind && await db.KeyDeleteAsync(key))
                {
                    counts[kind]++;
                }
            }
        }

        return counts;
    }

    private string? KindOf(string key, string ownerId) =>
        ShopperKeys.Kinds.FirstOrDefault(kind => key.StartsWith(redis.KeyPrefix + kind + ":" + ownerId + ":", StringComparison.Ordinal));

    /// <summary>The key prefix is configuration: its glob characters must match themselves.</summary>
    private static string EscapeGlob(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
