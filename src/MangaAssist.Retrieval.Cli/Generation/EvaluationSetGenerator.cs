using System.Globalization;
using System.Text;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>
/// Writes the labelled evaluation questions from the generator's facts: titles in English and Japanese, mixed-language
/// questions, typos, authors, descriptions of the story, and "something like X". Labels come from the facts (series,
/// author, premise, setting, role), never from a retriever. Each question is put in the dev or the test split at random.
/// </summary>
internal static class EvaluationSetGenerator
{
    public static List<EvaluationQuery> Generate(GeneratedCatalog catalog, ulong seed = CatalogGenerator.DefaultSeed + 1)
    {
        var random = new DeterministicRandom(seed);
        var products = catalog.Products.ToDictionary(p => p.Id);
        var facts = catalog.Facts;
        var bySeries = facts.GroupBy(f => f.SeriesId).ToDictionary(g => g.Key, g => g.Select(f => f.ProductId).ToList());
        var byAuthor = facts.GroupBy(f => f.Author.Name).ToDictionary(g => g.Key, g => g.Select(f => f.ProductId).ToList());
        var used = new HashSet<string>(StringComparer.Ordinal);
        var queries = new List<EvaluationQuery>();

        void Add(string text, QueryLanguage language, QueryKind kind, IReadOnlyList<RelevantProduct> relevant)
        {
            var id = "q-" + (queries.Count + 1).ToString("D3", CultureInfo.InvariantCulture);
            var split = random.Chance(0.5) ? EvaluationSplit.Dev : EvaluationSplit.Test;
            queries.Add(new EvaluationQuery(id, text, language, kind, split, relevant));
        }

        ProductFacts PickTarget(Func<ProductFacts, bool>? accept = null)
        {
            while (true)
            {
                var candidate = facts[random.Next(facts.Count)];
                if (!used.Contains(candidate.ProductId) && (accept is null || accept(candidate)))
                {
                    used.Add(candidate.ProductId);
                    return candidate;
                }
            }
        }

        List<RelevantProduct> SeriesLabels(ProductFacts target) =>
            [new(target.ProductId, 3), .. bySeries[target.SeriesId].Where(id => id != target.ProductId).Select(id => new RelevantProduct(id, 1))];

        List<RelevantProduct> AuthorLabels(string author) => byAuthor[author].Select(id => new RelevantProduct(id, 2)).ToList();

        // Titles in English.
        string[] englishTitle = ["Do you have {0}?", "{0}", "I'm looking for {0}", "Is {0} in stock?", "{1} manga", "Tell me about {0}", "How much is {0}?", "what is {1} about"];
        for (var i = 0; i < 28; i++)
        {
            var target = PickTarget();
            var title = products[target.ProductId].Title;
            Add(Format(random.Pick(englishTitle), title, title.ToLowerInvariant()), QueryLanguage.En, QueryKind.Title, SeriesLabels(target));
        }

        // Titles in Japanese.
        string[] japaneseTitle = ["{0}はありますか？", "「{0}」について教えて", "{0}の在庫ある？", "{0}", "{0}を探しています", "{0}っておもしろい？"];
        for (var i = 0; i < 28; i++)
        {
            var target = PickTarget();
            Add(Format(random.Pick(japaneseTitle), products[target.ProductId].JapaneseTitle), QueryLanguage.Ja, QueryKind.Title, SeriesLabels(target));
        }

        // Typos in English titles.
        string[] typoForms = ["{0}", "do you have {0}", "{0} manga", "looking for {0}"];
        for (var i = 0; i < 24; i++)
        {
            var target = PickTarget(f => products[f.ProductId].Title.Split(' ').Any(w => w.Length >= 5));
            var typo = Typo(random, products[target.ProductId].Title);
            Add(Format(random.Pick(typoForms), random.Chance(0.5) ? typo.ToLowerInvariant() : typo), QueryLanguage.En, QueryKind.Typo, SeriesLabels(target));
        }

        // Authors with two to five products.
        var authorPool = byAuthor.Where(a => a.Value.Count is >= 2 and <= 5).Select(a => a.Key).Order(StringComparer.Ordinal).ToList();
        random.Shuffle(authorPool);
        string[] englishAuthor = ["manga by {0}", "other works by {1}", "what has {0} written?", "{0} books"];
        string[] japaneseAuthor = ["{0}の作品を教えて", "{0}先生の漫画", "{0}の漫画はありますか"];
        for (var i = 0; i < 26; i++)
        {
            var author = facts.First(f => f.Author.Name == authorPool[i]).Author;
            if (i % 2 == 0)
            {
                var parts = author.Name.Split(' ');
                Add(Format(random.Pick(englishAuthor), author.Name, parts[1] + " " + parts[0]), QueryLanguage.En, QueryKind.Author, AuthorLabels(author.Name));
            }
            else
            {
                var name = random.Chance(0.5) ? author.JapaneseName.Replace(" ", string.Empty, StringComparison.Ordinal) : author.JapaneseName;
                Add(Format(random.Pick(japaneseAuthor), name), QueryLanguage.Ja, QueryKind.Author, AuthorLabels(author.Name));
            }
        }

        // Mixed English and Japanese.
        for (var i = 0; i < 24; i++)
        {
            switch (i % 6)
            {
                case 0:
                {
                    var target = PickTarget();
                    Add(products[target.ProductId].Title + "の新刊ある？", QueryLanguage.Mixed, QueryKind.Title, SeriesLabels(target));
                    break;
                }

                case 1:
                {
                    var target = PickTarget();
                    Add(products[target.ProductId].JapaneseTitle + " is it in stock?", QueryLanguage.Mixed, QueryKind.Title, SeriesLabels(target));
                    break;
                }

                case 2:
                {
                    var author = authorPool[26 + i];
                    Add(author + "の漫画", QueryLanguage.Mixed, QueryKind.Author, AuthorLabels(author));
                    break;
                }

                case 3:
                {
                    var target = PickTarget();
                    Add(products[target.ProductId].Title + "みたいな漫画", QueryLanguage.Mixed, QueryKind.LikeTitle, SeriesLabels(target));
                    break;
                }

                case 4:
                {
                    var target = PickTarget();
                    Add(products[target.ProductId].JapaneseTitle + " something similar?", QueryLanguage.Mixed, QueryKind.LikeTitle, SeriesLabels(target));
                    break;
                }

                default:
                {
                    var author = facts.First(f => f.Author.Name == authorPool[26 + i]).Author;
                    Add(author.JapaneseName + " manga", QueryLanguage.Mixed, QueryKind.Author, AuthorLabels(author.Name));
                    break;
                }
            }
        }

        // Descriptions of the story (premise, setting, role), labelled from the facts.
        string[] englishDescription =
        [
            "a {0} manga about {1} in {2}",
            "looking for a story with {3} and {1}, set in {2}",
            "{4} manga: {1}, {2}",
        ];
        string[] japaneseDescription =
        [
            "{2}が舞台の{0}漫画で、{3}が主人公の{1}の話",
            "{1}を描いた{0}作品（舞台は{2}）",
            "{3}が{2}で活躍する{1}の漫画",
        ];
        for (var i = 0; i < 36; i++)
        {
            var target = PickTarget(f =>
                f.Story is var s && facts.Count(o => o.PrimaryGenre == f.PrimaryGenre && o.Story.Premise == s.Premise && o.Story.Setting == s.Setting) <= 3);
            var story = target.Story;
            var premise = GenreVocabulary.Premises[target.PrimaryGenre][story.Premise];
            var setting = Vocabulary.Settings[story.Setting];
            var role = Vocabulary.Roles[story.Role];
            var genre = Genres.Find(target.PrimaryGenre)!;
            var product = products[target.ProductId];
            var relevant = facts
                .Where(o => o.PrimaryGenre == target.PrimaryGenre && o.Story.Premise == story.Premise && o.Story.Setting == story.Setting)
                .Select(o => new RelevantProduct(o.ProductId, o.Story.Role == story.Role ? 3 : 2))
                .OrderByDescending(r => r.Grade)
                .ToList();
            if (i % 2 == 0)
            {
                var text = Format(random.Pick(englishDescription), genre.English.ToLowerInvariant(), premise.KeyEn, setting.KeyEn, role.En, Demographics.English(product.Demographic));
                Add(text, QueryLanguage.En, QueryKind.Description, relevant);
            }
            else
            {
                Add(Format(random.Pick(japaneseDescription), genre.Japanese, premise.KeyJa, setting.KeyJa, role.Ja), QueryLanguage.Ja, QueryKind.Description, relevant);
            }
        }

        // "Something like X": the retriever must bring X (and its series) so the model knows what X is.
        string[] englishLike = ["something like {0}", "manga similar to {0}", "I loved {0}, what else should I read?"];
        string[] japaneseLike = ["{0}みたいな漫画ある？", "{0}に似た作品を教えて", "{0}が好きな人におすすめは？"];
        for (var i = 0; i < 24; i++)
        {
            var target = PickTarget();
            var product = products[target.ProductId];
            if (i % 2 == 0)
            {
                Add(Format(random.Pick(englishLike), product.Title), QueryLanguage.En, QueryKind.LikeTitle, SeriesLabels(target));
            }
            else
            {
                Add(Format(random.Pick(japaneseLike), product.JapaneseTitle), QueryLanguage.Ja, QueryKind.LikeTitle, SeriesLabels(target));
            }
        }

        return queries;
    }

    private static string Format(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);

    /// <summary>One or two keyboard slips in the longer words: a dropped, doubled, swapped or neighbouring letter.</summary>
    internal static string Typo(DeterministicRandom random, string title)
    {
        var words = title.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 5).ToList();
        var edits = candidates.Count > 1 && random.Chance(0.4) ? 2 : 1;
        random.Shuffle(candidates);
        foreach (var w in candidates.Take(edits))
        {
            var word = new StringBuilder(words[w]);
            var at = random.Next(1, word.Length - 1);
            switch (random.Next(4))
            {
                case 0:
                    word.Remove(at, 1);
                    break;
                case 1:
                    word.Insert(at, word[at]);
                    break;
                case 2:
                    (word[at], word[at + 1]) = (word[at + 1], word[at]);
                    if (word.ToString() == words[w])
                    {
                        word.Remove(at, 1);
                    }

                    break;
                default:
                    word[at] = Neighbour(word[at]);
                    break;
            }

            words[w] = word.ToString();
        }

        return string.Join(' ', words);
    }

    private static char Neighbour(char c)
    {
        const string rows = "qwertyuiop|asdfghjkl|zxcvbnm";
        var lower = char.ToLowerInvariant(c);
        var i = rows.IndexOf(lower, StringComparison.Ordinal);
        if (i < 0)
        {
            return c;
        }

        var neighbour = i + 1 < rows.Length && rows[i + 1] != '|' ? rows[i + 1] : rows[i - 1];
        return char.IsUpper(c) ? char.ToUpperInvariant(neighbour) : neighbour;
    }
}
