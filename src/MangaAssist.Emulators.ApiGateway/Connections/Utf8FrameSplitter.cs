namespace MangaAssist.Emulators.ApiGateway.Connections;

/// <summary>Cuts a message into frames of at most N bytes without splitting a UTF-8 character across frames.</summary>
internal static class Utf8FrameSplitter
{
    /// <summary>Length of the next frame starting at the beginning of <paramref name="remaining"/>.</summary>
    public static int NextFrameLength(ReadOnlySpan<byte> remaining, int frameBytes)
    {
        if (remaining.Length <= frameBytes)
        {
            return remaining.Length;
        }

        var cut = frameBytes;
        // Step back over continuation bytes (10xxxxxx) so the cut lands on a character boundary.
        while (cut > 0 && (remaining[cut] & 0xC0) == 0x80 && frameBytes - cut < 3)
        {
            cut--;
        }

        return cut == 0 ? frameBytes : cut;
    }
}
