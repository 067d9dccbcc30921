using System.Text;

namespace MangaAssist.Emulators.Bedrock.Answers;

internal static class Whitespace
{
    /// <summary>Trims and turns every run of whitespace into one space.</summary>
    public static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
