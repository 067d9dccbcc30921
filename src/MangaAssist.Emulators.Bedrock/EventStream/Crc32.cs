namespace MangaAssist.Emulators.Bedrock.EventStream;

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) as used by the event-stream prelude and message checksums.</summary>
/// <remarks>System.IO.Hashing is not on this project's package feed, so the table-driven form lives here.</remarks>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a checksum previously returned by <see cref="Compute"/> or <see cref="Append"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var value = ~crc;
        foreach (var b in data)
        {
            value = Table[(value ^ b) & 0xFF] ^ (value >> 8);
        }

        return ~value;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < table.Length; i++)
        {
            var entry = i;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? 0xEDB88320u ^ (entry >> 1) : entry >> 1;
            }

            table[i] = entry;
        }

        return table;
    }
}
