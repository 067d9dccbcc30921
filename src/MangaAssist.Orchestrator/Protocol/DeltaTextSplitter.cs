using System.Text;

namespace MangaAssist.Orchestrator.Protocol;

/// <summary>
/// Cuts long text into pieces whose escaped JSON form fits a byte budget. Pieces end on whole
/// code points, so their concatenation is always the original text.
/// </summary>
public static class DeltaTextSplitter
{
    /// <summary>Length in chars of the longest prefix of <paramref name="text"/> that fits <paramref name="budgetBytes"/>.</summary>
    public static int FittingPrefixLength(ReadOnlySpan<char> text, int budgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetBytes, 12);
        var used = 0;
        var index = 0;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text[index..], out var rune, out var consumed);
            var cost = JsonText.EscapedLength(rune);
            if (used + cost > budgetBytes)
            {
                break;
            }

            used += cost;
            index += consumed;
        }

        return index;
    }
}
