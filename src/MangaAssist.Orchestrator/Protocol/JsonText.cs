using System.Buffers;
using System.Globalization;
using System.Text;

namespace MangaAssist.Orchestrator.Protocol;

/// <summary>
/// JSON string escaping with an exact size model, so a frame can be split to fit the 32 KB
/// limit before it is written. Non-ASCII text is written as raw UTF-8 (Japanese is 3 bytes a
/// character, not 6); invalid UTF-16 becomes U+FFFD.
/// </summary>
public static class JsonText
{
    /// <summary>Bytes that <paramref name="rune"/> takes inside a JSON string.</summary>
    public static int EscapedLength(Rune rune) => rune.Value switch
    {
        '"' or '\\' or '\b' or '\f' or '\n' or '\r' or '\t' => 2,
        < 0x20 or 0x2028 or 0x2029 => 6,
        _ => rune.Utf8SequenceLength,
    };

    /// <summary>Bytes that <paramref name="text"/> takes inside a JSON string (without the quotes).</summary>
    public static int EscapedLength(ReadOnlySpan<char> text)
    {
        var total = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            total += EscapedLength(rune);
        }

        return total;
    }

    /// <summary>Writes <paramref name="text"/> as a quoted JSON string.</summary>
    public static void WriteQuoted(IBufferWriter<byte> writer, ReadOnlySpan<char> text)
    {
        var span = writer.GetSpan(EscapedLength(text) + 2);
        span[0] = (byte)'"';
        var written = 1;
        foreach (var rune in text.EnumerateRunes())
        {
            written += WriteRune(span[written..], rune);
        }

        span[written++] = (byte)'"';
        writer.Advance(written);
    }

    private static int WriteRune(Span<byte> destination, Rune rune)
    {
        switch (rune.Value)
        {
            case '"': return WriteShortEscape(destination, (byte)'"');
            case '\\': return WriteShortEscape(destination, (byte)'\\');
            case '\b': return WriteShortEscape(destination, (byte)'b');
            case '\f': return WriteShortEscape(destination, (byte)'f');
            case '\n': return WriteShortEscape(destination, (byte)'n');
            case '\r': return WriteShortEscape(destination, (byte)'r');
            case '\t': return WriteShortEscape(destination, (byte)'t');
            case < 0x20 or 0x2028 or 0x2029:
                destination[0] = (byte)'\\';
                destination[1] = (byte)'u';
                ((uint)rune.Value).TryFormat(destination[2..6], out _, "x4", CultureInfo.InvariantCulture);
                return 6;
            default:
                return rune.EncodeToUtf8(destination);
        }
    }

    private static int WriteShortEscape(Span<byte> destination, byte escaped)
    {
        destination[0] = (byte)'\\';
        destination[1] = escaped;
        return 2;
    }
}
