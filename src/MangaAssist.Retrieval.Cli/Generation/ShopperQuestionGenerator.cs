using System.Globalization;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>
/// Writes the shopper question set from the catalog data (never from a retriever): titles, typos, authors, whole
/// series, story descriptions, romaji and kana spellings, attribute filters and products the store does not carry,
/// in English, Japanese, mixed and romaji. Each question goes to dev or test at random.
/// </summary>
internal static class ShopperQuestionGenerator
{
    /// <summary>Story descriptions written for the dev split alone (<see cref="DevDescriptionQuestions"/>).</summary>
    public const int DevDescriptionCount = 110;

    /// <summary>Hero-and-setting descriptions written for the dev split alone (<see cref="DevFacetQuestions"/>).</summary>
    public const int DevFacetCount = 60;

    private const ulong DevDescriptionSeed = 0x6465762D64657363UL;
    private const ulong DevFacetSeed = 0x6465762D66616365UL;

    public static List<EvaluationQuery> Generate(GeneratedCatalog catalog, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var products = catalog.Products.ToDictionary(p => p.Id);
        var facts = catalog.Facts;
        var bySeries = facts.GroupBy(f => f.SeriesId).ToDictionary(g => g.Key, g => g.Select(f => f.ProductId).ToList());
        var byAuthor = catalog.Products.GroupBy(p => p.Author.Name).ToDictionary(g => g.Key, g => g.Select(p => p.Id).ToList());
        var used = new HashSet<string>(StringComparer.Ordinal);
        var queries = new List<EvaluationQuery>();

        void Add(string text, QueryLanguage language, QueryKind kind, IReadOnlyList<RelevantProduct> relevant)
        {
            var id = "s-" + (queries.Count + 1).ToString("D3", CultureInfo.InvariantCulture);
            queries.Add(new EvaluationQuery(id, text, language, kind, random.Chance(0.5) ? EvaluationSplit.Dev : EvaluationSplit.Test, relevant));
        }

        MangaProduct PickTarget(Func<MangaProduct, bool>? accept = null)
        {
            while (true)
            {
                var candidate = catalog.Products[random.Next(catalog.Products.Count)];
                if (!used.Contains(candidate.Id) && (accept is null || accept(candidate)))
                {
                    used.Add(candidate.Id);
                    return candidate;
                }
            }
        }

        List<RelevantProduct> SeriesLabels(MangaProduct target) =>
            [new(target.Id, 3), .. bySeries[target.SeriesId].Where(id => id != target.Id).Select(id => new RelevantProduct(id, 1))];

        List<RelevantProduct> AuthorLabels(string author) => byAuthor[author].Select(id => new RelevantProduct(id, 2)).ToList();

        // Titles: English, Japanese, mixed.
        string[] titleEn = ["Do you have {0}?", "{0}", "is {0} in stock", "how much is {0}", "{0} vol 1", "tell me about {0}"];
        string[] titleJa = ["{0}はありますか？", "「{0}」の在庫ある？", "{0}", "{0}を探しています", "{0}って何巻まで出てる？"];
        string[] titleMixed = ["{0}の新刊ある？", "{1} is it in stock?", "{0}って面白い？", "do you sell {1}?"];
        for (var i = 0; i < 60; i++)
        {
            var target = PickTarget();
            var (templates, language) = (i % 5) switch { 0 or 1 => (titleEn, QueryLanguage.En), 2 or 3 => (titleJa, QueryLanguage.Ja), _ => (titleMixed, QueryLanguage.Mixed) };
            var title = language == QueryLanguage.Ja ? target.JapaneseTitle : target.Title;
            Add(Format(random.Pick(templates), title, target.JapaneseTitle), language, QueryKind.Title, SeriesLabels(target));
        }

        // Typos in English titles.
        string[] typoForms = ["{0}", "do you have {0}", "{0} manga", "looking for {0}"];
        for (var i = 0; i < 48; i++)
        {
            var target = PickTarget(p => p.Title.Split(' ').Any(w => w.Length >= 5));
            var typo = EvaluationSetGenerator.Typo(random, target.Title);
            Add(Format(random.Pick(typoForms), random.Chance(0.5) ? typo.ToLowerInvariant() : typo), QueryLanguage.En, QueryKind.Typo, SeriesLabels(target));
        }

        // Authors with two to six works.
        var authors = byAuthor.Where(a => a.Value.Count is >= 2 and <= 6).Select(a => a.Key).Order(StringComparer.Ordinal).ToList();
        random.Shuffle(authors);
        string[] authorEn = ["manga by {0}", "what else did {1} draw?", "{0} books", "works of {1}"];
        string[] authorJa = ["{0}の作品を教えて", "{0}先生の漫画", "{0}の漫画はありますか"];
        for (var i = 0; i < 50; i++)
        {
            var author = catalog.Products.First(p => p.Author.Name == authors[i]).Author;
            var parts = author.Name.Split(' ');
            switch (i % 5)
            {
                case 0 or 1:
                    Add(Format(random.Pick(authorEn), author.Name, parts[1] + " " + parts[0]), QueryLanguage.En, QueryKind.Author, AuthorLabels(author.Name));
                    break;
                case 2 or 3:
                    Add(Format(random.Pick(authorJa), random.Chance(0.5) ? author.JapaneseName.Replace(" ", string.Empty, StringComparison.Ordinal) : author.JapaneseName), QueryLanguage.Ja, QueryKind.Author, AuthorLabels(author.Name));
                    break;
                default:
                    Add(random.Chance(0.5) ? author.Name + "の漫画" : author.JapaneseName + " manga", QueryLanguage.Mixed, QueryKind.Author, AuthorLabels(author.Name));
                    break;
            }
        }

        // Whole series: the original and every sequel and spin-off.
        string[] seriesEn = ["all the {0} books", "{0} sequels", "every {0} series volume", "{0} and its spin-offs"];
        string[] seriesJa = ["「{0}」シリーズ全部", "{0}の続編はある？", "{0}シリーズ", "{0}の外伝も含めて"];
        for (var i = 0; i < 40; i++)
        {
            var target = PickTarget(p => p.SeriesRole == SeriesRole.Original && bySeries[p.SeriesId].Count >= 2);
            var japanese = i % 2 == 1;
            var relevant = bySeries[target.SeriesId].Select(id => new RelevantProduct(id, 2)).ToList();
            Add(Format(random.Pick(japanese ? seriesJa : seriesEn), japanese ? target.JapaneseTitle : target.Title), japanese ? QueryLanguage.Ja : QueryLanguage.En, QueryKind.Series, relevant);
        }

        DescriptionQuestions.Add(random, catalog, used, 44, Add);
        RomajiQuestions.Add(random, catalog, used, byAuthor, 64, Add, SeriesLabels, AuthorLabels);
        AttributeQuestions.Add(random, catalog.Products, 72, Add);
        NotCarriedQuestions.Add(random, catalog.Products, 72, Add);

        // Added later, for the dev split only (the 44 above left 23 dev descriptions, all found): their own stream,
        // so every question above keeps its text, labels and split; no story an earlier question labels is asked again.
        var devRandom = new DeterministicRandom(seed ^ DevDescriptionSeed);
        used.UnionWith(queries.Where(q => q.Kind == QueryKind.Description).SelectMany(q => q.Relevant).Select(r => r.ProductId));
        DevDescriptionQuestions.Add(devRandom, catalog, used, DevDescriptionCount, (text, language, kind, relevant) =>
            queries.Add(new EvaluationQuery("s-" + (queries.Count + 1).ToString("D3", CultureInfo.InvariantCulture), text, language, kind, EvaluationSplit.Dev, relevant)));

        // Added in round 4, dev only, on a third stream: hero and setting named together (the class of the held-out misses).
        var facetRandom = new DeterministicRandom(seed ^ DevFacetSeed);
        DevFacetQuestions.Add(facetRandom, catalog, used, DevFacetCount, (text, language, kind, relevant) =>
            queries.Add(new EvaluationQuery("s-" + (queries.Count + 1).ToString("D3", CultureInfo.InvariantCulture), text, language, kind, EvaluationSplit.Dev, relevant)));
        return queries;
    }

    internal static string Format(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);

    /// <summary>The romaji of a hiragana reading, word by word, title-cased like a shopper would write it.</summary>
    internal static string RomajiOf(string reading, RomajiStyle style) =>
        string.Join(' ', reading.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w =>
        {
            var romaji = Romaji.FromKana(w, style);
            return romaji.Length > 0 && char.IsLetter(romaji[0]) && !char.IsUpper(romaji[0]) && romaji is not ("no" or "to")
                ? char.ToUpperInvariant(romaji[0]) + romaji[1..]
                : romaji;
        }));
}

/// <summary>Adds one question: text, language, kind, graded relevant products (empty: nothing qualifies).</summary>
internal delegate void AddQuestion(string text, QueryLanguage language, QueryKind kind, IReadOnlyList<RelevantProduct> relevant);
