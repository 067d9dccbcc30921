using System.Buffers;
using System.Text;

namespace MangaAssist.Aws.Signing;

/// <summary>Append-only UTF-8 buffer on a pooled array; the signer writes canonical requests into it.</summary>
internal ref struct Utf8Builder
{
    private byte[] _buffer;
    private int _length;

    public Utf8Builder(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        _length = 0;
    }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Append(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
    }

    public void Append(scoped ReadOnlySpan<byte> value)
    {
        if (_buffer.Length - _length < value.Length)
        {
            Grow(value.Length);
        }

        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public void Append(scoped ReadOnlySpan<char> value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_buffer.Length - _length < max)
        {
            Grow(max);
        }

        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>Appends lower-case ASCII; header names are compared and signed in lower case.</summary>
    public void AppendLowerAscii(scoped ReadOnlySpan<char> value)
    {
        Span<char> one = stackalloc char[1];
        foreach (var c in value)
        {
            if (c >= 0x80)
            {
                one[0] = char.ToLowerInvariant(c);
                Append(one);
                continue;
            }

            Append((byte)(c is >= 'A' and <= 'Z' ? c + 32 : c));
        }
    }

    /// <summary>
    /// URI-encodes per SigV4: unreserved characters (A-Z a-z 0-9 - . _ ~) stay, everything else becomes
    /// %XX of its UTF-8 bytes with upper-case hex; <c>/</c> stays when <paramref name="keepSlash"/>.
    /// </summary>
    public void AppendUriEncoded(scoped ReadOnlySpan<char> value, bool keepSlash)
    {
        Span<byte> utf8 = stackalloc byte[4];
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (c < 0x80)
            {
                if (IsUnreserved(c) || (keepSlash && c == '/'))
                {
                    Append((byte)c);
                }
                else
                {
                    AppendPercent((byte)c);
                }

                i++;
                continue;
            }

            if (Rune.DecodeFromUtf16(value[i..], out var rune, out var consumed) != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            var written = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < written; b++)
            {
                AppendPercent(utf8[b]);
            }

            i += Math.Max(consumed, 1);
        }
    }

    public readonly string ToUtf8String() => Encoding.UTF8.GetString(Written);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void AppendPercent(byte value)
    {
        Append((byte)'%');
        Append((byte)"0123456789ABCDEF"[value >> 4]);
        Append((byte)"0123456789ABCDEF"[value & 0xF]);
    }

    private static bool IsUnreserved(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~';

    private void Grow(int needed)
    {
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }
}
