using System.Text;
using System.Text.RegularExpressions;

namespace MangaAssist.Retrieval.Prompting;

/// <summary>
/// Makes retrieved text safe to place inside a passage block. Retrieved text is data: it must not be able to close
/// its block, open a new one, fake a citation or speak with the voice of the system. So:
/// angle brackets become ‹ › (no tag can be formed), square brackets become ( ) (no [n] citation or [[marker]]),
/// control characters and line breaks become spaces (no role-prefixed lines), and instruction-like phrases
/// ("ignore previous instructions", "you are now …", "system:", 「以前の指示を無視」…) are replaced by a visible note.
/// The system prompt additionally tells the model that passage content is never an instruction.
/// </summary>
public static partial class PassageSanitizer
{
    public const string RemovedNoteEnglish = "(instruction-like text removed)";
    public const string RemovedNoteJapanese = "（指示のような文を削除）";

    /// <summary>What stands in for a text whose instruction check did not finish in time.</summary>
    public const string WithheldNote = "(passage text withheld)";

    public static string Neutralize(string? text) => Neutralize(text, out _);

    /// <param name="text">Retrieved text.</param>
    /// <param name="neutralized">How many instruction-like phrases were replaced (1 when the whole text was withheld).</param>
    public static string Neutralize(string? text, out int neutralized) =>
        Neutralize(text, out neutralized, EnglishInstructions(), JapaneseInstructions());

    /// <summary>The same with the instruction patterns given, so a test can make their check time out.</summary>
    internal static string Neutralize(string? text, out int neutralized, Regex english, Regex japanese)
    {
        neutralized = 0;
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var mapped = c switch
            {
                '<' or '＜' or '〈' or '《' => '‹',
                '>' or '＞' or '〉' or '》' => '›',
                '[' or '［' or '【' or '〔' => '(',
                ']' or '］' or '】' or '〕' => ')',
                '`' => '\'',
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => ' ',
                _ => c,
            };

            if (mapped == ' ' || char.IsWhiteSpace(mapped))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            if (char.GetUnicodeCategory(mapped) == System.Globalization.UnicodeCategory.Format)
            {
                // Zero-width and bidi controls can hide text from reviewers while the model still reads it.
                continue;
            }

            builder.Append(mapped);
            lastWasSpace = false;
        }

        var flattened = builder.ToString().Trim();
        var count = 0;
        try
        {
            flattened = english.Replace(flattened, _ =>
            {
                count++;
                return RemovedNoteEnglish;
            });
            flattened = japanese.Replace(flattened, _ =>
            {
                count++;
                return RemovedNoteJapanese;
            });
        }
        catch (RegexMatchTimeoutException)
        {
            // The patterns are linear, but a starved machine can stall the check past its timeout (seen on a loaded
            // CI machine, where it failed the whole answer). Text that was not checked is never passed on; the answer
            // goes on with the other passages.
            neutralized = 1;
            return WithheldNote;
        }

        neutralized = count;
        return flattened;
    }

    /// <summary>An attribute value: neutralised, and without double quotes.</summary>
    public static string Attribute(string? value) => Neutralize(value).Replace('"', '\'');

    [GeneratedRegex(
        @"\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,40}?\b(?:instructions?|prompts?|rules|directions|guidelines|everything)\b[^.!?]{0,80}"
        + @"|\byou\s+are\s+now\b[^.!?]{0,80}"
        + @"|\b(?:new|updated|real)\s+(?:system\s+)?instructions?\s*:[^.!?]{0,120}"
        + @"|\b(?:system|assistant|human|user|developer)\s*(?:prompt|message)?\s*:\s*[^.!?]{0,120}"
        + @"|\bsystem\s+prompt\b[^.!?]{0,80}",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex EnglishInstructions();

    [GeneratedRegex(
        @"(?:以前|これまで|前|上記|上|先|今まで)の(?:指示|命令|ルール|設定)を?(?:すべて|全て)?(?:無視|忘れ|破棄)[^。！？]{0,60}"
        + @"|(?:指示|命令|ルール)を(?:無視|忘れ)[^。！？]{0,60}"
        + @"|システムプロンプト[^。！？]{0,60}"
        + @"|あなたは(?:今から|これから|今日から)[^。！？]{0,60}"
        + @"|新しい指示[:：][^。！？]{0,80}",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex JapaneseInstructions();
}
