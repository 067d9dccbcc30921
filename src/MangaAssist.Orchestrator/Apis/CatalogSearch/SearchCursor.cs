using System.Buffers.Binary;
using System.Text;

namespace MangaAssist.Orchestrator.Apis.CatalogSearch;

/// <summary>
/// Where a page ended in the stable ordering (score descending, then id ascending) of one query's results, and until
/// when the cursor is good. <see cref="QueryHash"/> binds it to the query: another query's cursor is refused.
/// </summary>
internal sealed record SearchCursor(byte[] QueryHash, double LastScore, string LastId, DateTimeOffset ExpiresAt)
{
    private const byte Version = 1;
    public const int QueryHashBytes = 16;

    /// <summary>version | expiry (unix seconds) | query hash | score bits | id length | id (UTF-8).</summary>
    public byte[] ToPayload()
    {
        var id = Encoding.UTF8.GetBytes(LastId);
        var payload = new byte[1 + 8 + QueryHashBytes + 8 + 1 + id.Length];
        payload[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(1), ExpiresAt.ToUnixTimeSeconds());
        QueryHash.CopyTo(payload.AsSpan(9));
        BinaryPrimitives.WriteDoubleBigEndian(payload.AsSpan(9 + QueryHashBytes), LastScore);
        payload[17 + QueryHashBytes] = checked((byte)id.Length);
        id.CopyTo(payload.AsSpan(18 + QueryHashBytes));
        return payload;
    }

    /// <summary>Reads a payload whose signature was already checked; null when its shape is wrong.</summary>
    public static SearchCursor? FromPayload(ReadOnlySpan<byte> payload)
    {
        const int fixedBytes = 18 + QueryHashBytes;
        if (payload.Length < fixedBytes || payload[0] != Version || payload.Length != fixedBytes + payload[fixedBytes - 1])
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload[1..]));
        var score = BinaryPrimitives.ReadDoubleBigEndian(payload[(9 + QueryHashBytes)..]);
        return new SearchCursor(payload.Slice(9, QueryHashBytes).ToArray(), score, Encoding.UTF8.GetString(payload[fixedBytes..]), expires);
    }
}
