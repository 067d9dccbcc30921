using System.Text.RegularExpressions;

namespace MangaAssist.Emulators.Bedrock.Answers;

/// <summary>
/// Finds the first context passage in a prompt. Recognised forms, first match wins:
/// an XML-like element <c>&lt;passage …&gt;…&lt;/passage&gt;</c> (also <c>document</c>, <c>source</c>, <c>context</c>),
/// or a line starting with a bracketed number such as <c>[1] text</c>.
/// </summary>
internal static partial class ContextPassages
{
    private const int MaxQuotedLength = 240;

    public static string? FindFirst(string text) => FindFirstWithNumber(text)?.Text;

    /// <summary>The first passage and the number a model would cite it by (its <c>index</c> attribute or its [n] label; 1 otherwise).</summary>
    public static (string Text, int Number)? FindFirstWithNumber(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var element = ElementPattern().Match(text);
        if (element.Success)
        {
            var index = IndexAttributePattern().Match(element.Value);
            var number = index.Success ? int.Parse(index.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
            return FindFirstText(text) is { } found ? (found, number) : null;
        }

        var numbered = NumberedLinePattern().Match(text);
        return numbered.Success && Clean(numbered.Groups["body"].Value) is { } body
            ? (body, int.Parse(numbered.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    private static string? FindFirstText(string text)
    {
        var element = ElementPattern().Match(text);
        if (element.Success)
        {
            var inner = element.Groups["body"].Value;
            var nested = ElementPattern().Match(inner);
            return Clean(nested.Success ? nested.Groups["body"].Value : inner);
        }

        var numbered = NumberedLinePattern().Match(text);
        return numbered.Success ? Clean(numbered.Groups["body"].Value) : null;
    }

    /// <summary>The text with every passage removed, so the question can be quoted on its own.</summary>
    public static string Remove(string text) => NumberedLinePattern().Replace(ElementPattern().Replace(text, " "), " ");

    private static string? Clean(string passage)
    {
        var collapsed = Whitespace.Collapse(TagPattern().Replace(passage, " "));
        if (collapsed.Length == 0)
        {
            return null;
        }

        return collapsed.Length <= MaxQuotedLength ? collapsed : collapsed[..MaxQuotedLength].TrimEnd() + "…";
    }

    [GeneratedRegex(@"<(?<tag>passage|document|source|context)\b[^>]*>(?<body>.*?)</\k<tag>\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ElementPattern();

    [GeneratedRegex(@"^[ \t]*\[(?<n>\d{1,3})\][ \t]*(?<body>\S[^\r\n]*)", RegexOptions.Multiline)]
    private static partial Regex NumberedLinePattern();

    [GeneratedRegex(@"^<[^>]*\bindex\s*=\s*[""']?(?<n>\d{1,3})")]
    private static partial Regex IndexAttributePattern();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex TagPattern();
}
