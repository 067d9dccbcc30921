namespace MangaAssist.Aws.Signing;

/// <summary>Path normalisation for the canonical request: drops empty, <c>.</c> and <c>..</c> segments (RFC 3986 §5.2.4).</summary>
internal static class CanonicalPath
{
    public static bool NeedsNormalization(ReadOnlySpan<char> path) =>
        path.IsEmpty || path[0] != '/' || path.Contains("//", StringComparison.Ordinal) || path.Contains("/.", StringComparison.Ordinal);

    public static string Normalize(ReadOnlySpan<char> path)
    {
        var segments = new List<Range>();
        var text = path.ToString();
        var span = text.AsSpan();
        var start = 0;
        for (var i = 0; i <= span.Length; i++)
        {
            if (i < span.Length && span[i] != '/')
            {
                continue;
            }

            var segment = span[start..i];
            if (segment.SequenceEqual(".."))
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (!segment.IsEmpty && !segment.SequenceEqual("."))
            {
                segments.Add(start..i);
            }

            start = i + 1;
        }

        if (segments.Count == 0)
        {
            return "/";
        }

        var trailingSlash = span.EndsWith("/") || span.EndsWith("/.") || span.EndsWith("/..");
        var builder = new System.Text.StringBuilder(span.Length + 1);
        foreach (var range in segments)
        {
            builder.Append('/').Append(span[range]);
        }

        if (trailingSlash)
        {
            builder.Append('/');
        }

        return builder.ToString();
    }
}
