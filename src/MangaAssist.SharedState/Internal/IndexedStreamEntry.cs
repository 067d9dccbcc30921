using System.Globalization;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Internal;

/// <summary>
/// One entry of a Redis stream written with explicit ids <c>0-{index}</c>, so the index is the entry's
/// position (1-based) and readers detect gaps and duplicates from the id alone.
/// </summary>
internal readonly record struct IndexedStreamEntry(long Index, Dictionary<string, RedisValue> Fields)
{
    public RedisValue this[string field] => Fields.TryGetValue(field, out var value) ? value : RedisValue.Null;

    public bool Has(string field) => Fields.ContainsKey(field);

    public static List<IndexedStreamEntry> ParseMany(RedisResult result)
    {
        var raw = (RedisResult[])result!;
        var entries = new List<IndexedStreamEntry>(raw.Length);
        foreach (var item in raw)
        {
            entries.Add(Parse(item));
        }

        return entries;
    }

    private static IndexedStreamEntry Parse(RedisResult item)
    {
        var parts = (RedisResult[])item!;
        var id = (string)parts[0]!;
        var index = long.Parse(id.AsSpan(id.IndexOf('-', StringComparison.Ordinal) + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        var pairs = (RedisResult[])parts[1]!;
        var fields = new Dictionary<string, RedisValue>(pairs.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            fields[(string)pairs[i]!] = (RedisValue)pairs[i + 1];
        }

        return new IndexedStreamEntry(index, fields);
    }
}
