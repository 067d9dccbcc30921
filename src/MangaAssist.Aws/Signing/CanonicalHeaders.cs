namespace MangaAssist.Aws.Signing;

/// <summary>
/// Canonical headers and signed-header list of the canonical request: names lower-case and sorted, repeated names
/// joined with commas in their original order, values trimmed with inner whitespace collapsed.
/// </summary>
internal static class CanonicalHeaders
{
    // Insertion sort: a handful of headers, and duplicates must keep their order.
    public static void SortStable(Span<SigningHeader> headers)
    {
        for (var i = 1; i < headers.Length; i++)
        {
            var current = headers[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(headers[j].Name, current.Name) > 0)
            {
                headers[j + 1] = headers[j];
                j--;
            }

            headers[j + 1] = current;
        }
    }

    /// <summary>
    /// Appends the canonical headers, the signed-header list and the payload hash; returns where the signed-header
    /// list sits in <paramref name="builder"/>, for the Authorization header.
    /// </summary>
    public static (int SignedStart, int SignedLength) Append(ref Utf8Builder builder, scoped ReadOnlySpan<SigningHeader> sorted, scoped ReadOnlySpan<char> payloadHex)
    {
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && string.Equals(sorted[i].Name, sorted[i - 1].Name, StringComparison.Ordinal))
            {
                builder.Append((byte)',');
            }
            else
            {
                if (i > 0)
                {
                    builder.Append((byte)'\n');
                }

                builder.AppendLowerAscii(sorted[i].Name);
                builder.Append((byte)':');
            }

            AppendTrimmedValue(ref builder, sorted[i].Value);
        }

        builder.Append("\n\n"u8);
        var signedStart = builder.Length;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && string.Equals(sorted[i].Name, sorted[i - 1].Name, StringComparison.Ordinal))
            {
                continue;
            }

            if (i > 0)
            {
                builder.Append((byte)';');
            }

            builder.AppendLowerAscii(sorted[i].Name);
        }

        var signedLength = builder.Length - signedStart;
        builder.Append((byte)'\n');
        builder.Append(payloadHex);
        return (signedStart, signedLength);
    }

    // Values are trimmed and runs of whitespace (including folded line breaks) become one space.
    private static void AppendTrimmedValue(ref Utf8Builder builder, string value)
    {
        const string whitespace = " \t\r\n";
        var span = value.AsSpan().Trim(whitespace);
        while (!span.IsEmpty)
        {
            var gap = span.IndexOfAny(whitespace);
            if (gap < 0)
            {
                builder.Append(span);
                return;
            }

            builder.Append(span[..gap]);
            builder.Append((byte)' ');
            span = span[gap..].TrimStart(whitespace);
        }
    }
}
