using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>
/// Titles and authors as shoppers type Japanese without a Japanese keyboard: romaji in Hepburn with macrons, as typed
/// (ou), with long vowels left out, or kunrei; and titles in hiragana or katakana instead of kanji.
/// </summary>
internal static class RomajiQuestions
{
    private static readonly string[] RomajiTemplates = ["{0}", "do you have {0}?", "{0} manga", "looking for {0}", "{0} wa arimasu ka"];
    private static readonly string[] KanaTemplates = ["{0}はありますか", "{0}", "{0}を探しています"];
    private static readonly string[] AuthorTemplates = ["manga by {0}", "{0} sensei no manga", "{0}"];
    private static readonly RomajiStyle[] Styles = [RomajiStyle.HepburnMacron, RomajiStyle.HepburnTyped, RomajiStyle.HepburnPlain, RomajiStyle.Kunrei];

    public static void Add(
        DeterministicRandom random, GeneratedCatalog catalog, HashSet<string> used, Dictionary<string, List<string>> byAuthor, int count, AddQuestion add,
        Func<MangaProduct, List<RelevantProduct>> seriesLabels, Func<string, List<RelevantProduct>> authorLabels)
    {
        // Only titles whose Japanese is not simply the English words (a kanji or katakana title with a reading).
        bool HasReading(MangaProduct p) => p.JapaneseTitleReading.Length > 0 && !p.JapaneseTitle.Any(char.IsAsciiLetter) && !used.Contains(p.Id);
        var authorsWithLongVowels = byAuthor.Keys.Where(a => a.Split(' ')[0] is "Sato" or "Ito" or "Kato" or "Saito" or "Goto" or "Kondo" or "Endo" or "Ota" or "Kudo" || a.EndsWith(" Yoko", StringComparison.Ordinal) || a.EndsWith(" Yusuke", StringComparison.Ordinal) || a.EndsWith(" Koji", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        random.Shuffle(authorsWithLongVowels);
        var author = 0;
        for (var i = 0; i < count; i++)
        {
            if (i % 4 == 3 && author < authorsWithLongVowels.Count)
            {
                // An author with a long vowel the store prints without it (Sato → Satou / Satō / Satoh).
                var name = authorsWithLongVowels[author++];
                var parts = name.Split(' ');
                var spelled = string.Join(' ', parts.Select(p => LongVowelSpelling(random, p)));
                add(ShopperQuestionGenerator.Format(random.Pick(AuthorTemplates), spelled), QueryLanguage.Romaji, QueryKind.Romaji, authorLabels(name));
                continue;
            }

            var target = catalog.Products[random.Next(catalog.Products.Count)];
            while (!HasReading(target))
            {
                target = catalog.Products[random.Next(catalog.Products.Count)];
            }

            used.Add(target.Id);
            if (i % 4 == 2)
            {
                var kana = target.JapaneseTitleReading.Replace(" ", string.Empty, StringComparison.Ordinal);
                kana = random.Chance(0.5) ? kana : ToKatakana(kana);
                add(ShopperQuestionGenerator.Format(random.Pick(KanaTemplates), kana), QueryLanguage.Ja, QueryKind.Romaji, seriesLabels(target));
                continue;
            }

            var romaji = ShopperQuestionGenerator.RomajiOf(target.JapaneseTitleReading, random.Pick(Styles));
            add(ShopperQuestionGenerator.Format(random.Pick(RomajiTemplates), random.Chance(0.3) ? romaji.ToLowerInvariant() : romaji), QueryLanguage.Romaji, QueryKind.Romaji, seriesLabels(target));
        }
    }

    private static string LongVowelSpelling(DeterministicRandom random, string word)
    {
        string[] longO = ["Sato", "Ito", "Kato", "Saito", "Goto", "Kondo", "Endo", "Ota", "Kudo", "Yoko", "Yusuke", "Koji"];
        if (!longO.Contains(word))
        {
            return word;
        }

        // Where the long vowel sits: Sato → Satō, Ota → Ōta, Yusuke → Yūsuke, Koji → Kōji.
        var at = word switch { "Ota" => 0, "Yusuke" => 1, "Koji" or "Yoko" => 1, _ => word.Length - 1 };
        var vowel = word[at];
        var lower = char.ToLowerInvariant(vowel);
        var spelled = random.Next(3) switch
        {
            0 => lower == 'u' ? "ū" : "ō",
            1 => lower + "u",
            _ => lower == 'u' ? "uu" : "oh",
        };
        if (at == 0)
        {
            spelled = char.ToUpperInvariant(spelled[0]) + spelled[1..];
        }

        return word[..at] + spelled + word[(at + 1)..];
    }

    private static string ToKatakana(string hiragana) =>
        new(hiragana.Select(c => c is >= '\u3041' and <= '\u3096' ? (char)(c + 0x60) : c).ToArray());
}
