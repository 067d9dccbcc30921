using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Prompting;

/// <summary>
/// A cheap token estimate that holds for Japanese and English without the model's tokenizer: each kana/kanji counts
/// as one token (Claude's tokenizer gives Japanese roughly one token per character), each Latin word as 4/3 of a
/// token, and each other visible symbol as half a token. It errs on the high side so budgets are not overrun.
/// </summary>
public static class TokenEstimator
{
    public static int Estimate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var cjk = 0;
        var words = 0;
        var symbols = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (TextNormalizer.IsCjk(c))
            {
                cjk++;
                inWord = false;
            }
            else if (char.IsLetterOrDigit(c))
            {
                if (!inWord)
                {
                    words++;
                    inWord = true;
                }
            }
            else
            {
                inWord = false;
                if (!char.IsWhiteSpace(c))
                {
                    symbols++;
                }
            }
        }

        return cjk + (int)Math.Ceiling(words * 4 / 3.0 + symbols / 2.0);
    }
}
