namespace MangaAssist.Aws.Signing;

/// <summary>Canonical query string: every name and value decoded, re-encoded per SigV4, sorted by name then value.</summary>
internal static class CanonicalQuery
{
    public static void Append(ref Utf8Builder builder, ReadOnlySpan<char> query)
    {
        if (query.IsEmpty)
        {
            return;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var range in query.Split('&'))
        {
            var part = query[range];
            if (part.IsEmpty)
            {
                continue;
            }

            var equals = part.IndexOf('=');
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? ReadOnlySpan<char>.Empty : part[(equals + 1)..];
            pairs.Add((Encode(name), Encode(value)));
        }

        pairs.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });

        for (var i = 0; i < pairs.Count; i++)
        {
            if (i > 0)
            {
                builder.Append((byte)'&');
            }

            builder.Append(pairs[i].Name);
            builder.Append((byte)'=');
            builder.Append(pairs[i].Value);
        }
    }

    private static string Encode(ReadOnlySpan<char> raw)
    {
        var decoded = Uri.UnescapeDataString(raw.ToString());
        var builder = new Utf8Builder(decoded.Length * 3 + 8);
        try
        {
            builder.AppendUriEncoded(decoded, keepSlash: false);
            return builder.ToUtf8String();
        }
        finally
        {
            builder.Dispose();
        }
    }
}
