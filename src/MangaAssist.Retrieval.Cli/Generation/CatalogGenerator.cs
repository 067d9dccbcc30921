using System.Globalization;
using System.Text;
using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>
/// Generates the MangaAssist catalog deterministically from <see cref="Vocabulary"/>: series with shared title words,
/// prolific authors, shared genres and premises, sequels and spin-offs — so that retrieval has real ambiguity to resolve.
/// The same seed always produces byte-identical files.
/// </summary>
internal static class CatalogGenerator
{
    public const ulong DefaultSeed = 20_261_121;
    public const int DefaultSeriesCount = 1_650;
    private const string UrlBase = "https://store.mangaassist.example/products/";

    private static readonly int[] Prices = [528, 594, 660, 693, 715, 748, 792, 858, 990, 1_320];
    private static readonly double[] PriceWeights = [10, 18, 20, 12, 14, 8, 8, 5, 3, 2];

    public static GeneratedCatalog Generate(int seriesCount = DefaultSeriesCount, ulong seed = DefaultSeed)
    {
        var random = new DeterministicRandom(seed);
        var authors = CreateAuthors(random, seriesCount);
        var usedTitles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var usedJapanese = new HashSet<string>(StringComparer.Ordinal);
        var products = new List<MangaProduct>();
        var facts = new List<ProductFacts>();
        var genreKeys = Genres.All.Select(g => g.Key).ToArray();

        for (var s = 0; s < seriesCount; s++)
        {
            var (title, japanese, reading) = CreateTitle(random, usedTitles, usedJapanese);
            var author = authors[s];
            var seriesId = "S-" + (s + 1).ToString("D4", CultureInfo.InvariantCulture);
            var primary = random.Pick(genreKeys);
            var genres = PickGenres(random, primary, genreKeys);
            var demographic = PickDemographic(random, primary);
            var story = new Story(random.Next(GenreVocabulary.Premises[primary].Length), random.Next(Vocabulary.Roles.Length), random.Next(Vocabulary.Settings.Length), random.Next(Vocabulary.CharacterNames.Length));
            var year = random.Next(1995, 2026);

            var original = CreateProduct(random, products.Count, title, japanese, reading, author, genres, demographic, seriesId, SeriesRole.Original, year,
                SynopsisWriter.English(story, primary, genres, null, SeriesRole.Original), SynopsisWriter.Japanese(story, primary, genres, null, SeriesRole.Original));
            products.Add(original);
            facts.Add(new ProductFacts(original.Id, seriesId, author, primary, story));

            // Sequels: some series run on; a few twice.
            var sequels = random.Chance(0.22) ? (random.Chance(0.35) ? 2 : 1) : 0;
            var sequelForms = Enumerable.Range(0, Vocabulary.SequelForms.Length).ToList();
            random.Shuffle(sequelForms);
            for (var q = 0; q < sequels; q++)
            {
                var form = Vocabulary.SequelForms[sequelForms[q]];
                var sequelTitle = string.Format(CultureInfo.InvariantCulture, form.En, title);
                var sequelJapanese = string.Format(CultureInfo.InvariantCulture, form.Ja, japanese);
                if (!usedTitles.Add(sequelTitle) || !usedJapanese.Add(sequelJapanese))
                {
                    continue;
                }

                var sequelStory = story with { Premise = random.Next(GenreVocabulary.Premises[primary].Length), Role = random.Next(Vocabulary.Roles.Length), Setting = random.Next(Vocabulary.Settings.Length) };
                var sequel = CreateProduct(random, products.Count, sequelTitle, sequelJapanese, Readings.OfForm(form.Ja, reading, null), author, genres, demographic, seriesId, SeriesRole.Sequel, Math.Min(2025, year + random.Next(2, 9)),
                    SynopsisWriter.English(sequelStory, primary, genres, (title, story.Hero), SeriesRole.Sequel), SynopsisWriter.Japanese(sequelStory, primary, genres, (japanese, story.Hero), SeriesRole.Sequel));
                products.Add(sequel);
                facts.Add(new ProductFacts(sequel.Id, seriesId, author, primary, sequelStory));
            }

            if (random.Chance(0.11))
            {
                var form = random.Pick(Vocabulary.SpinOffForms);
                var other = (story.Hero + 1 + random.Next(Vocabulary.CharacterNames.Length - 1)) % Vocabulary.CharacterNames.Length;
                var spinTitle = string.Format(CultureInfo.InvariantCulture, form.En, title, Vocabulary.CharacterNames[other].En);
                var spinJapanese = string.Format(CultureInfo.InvariantCulture, form.Ja, japanese, Vocabulary.CharacterNames[other].Ja);
                if (usedTitles.Add(spinTitle) && usedJapanese.Add(spinJapanese))
                {
                    // Spin-offs are often drawn by another artist and lean to comedy or food.
                    var spinAuthor = random.Chance(0.5) ? author : authors[random.Next(authors.Count)];
                    var spinGenres = form.En.Contains("Kitchen", StringComparison.Ordinal) ? new[] { "cooking", primary }
                        : form.En.Contains("After-School", StringComparison.Ordinal) ? ["comedy", primary]
                        : genres;
                    spinGenres = spinGenres.Distinct().ToArray();
                    var spinPrimary = spinGenres[0];
                    var spinStory = new Story(random.Next(GenreVocabulary.Premises[spinPrimary].Length), random.Next(Vocabulary.Roles.Length), random.Next(Vocabulary.Settings.Length), other);
                    var spin = CreateProduct(random, products.Count, spinTitle, spinJapanese, Readings.OfForm(form.Ja, reading, Readings.Of(Vocabulary.CharacterNames[other].Ja)), spinAuthor, spinGenres, demographic, seriesId, SeriesRole.SpinOff, Math.Min(2025, year + random.Next(1, 8)),
                        SynopsisWriter.English(spinStory, spinPrimary, spinGenres, (title, story.Hero), SeriesRole.SpinOff), SynopsisWriter.Japanese(spinStory, spinPrimary, spinGenres, (japanese, story.Hero), SeriesRole.SpinOff));
                    products.Add(spin);
                    facts.Add(new ProductFacts(spin.Id, seriesId, spinAuthor, spinPrimary, spinStory));
                }
            }
        }

        return new GeneratedCatalog(products, facts);
    }

    private static MangaProduct CreateProduct(
        DeterministicRandom random, int index, string title, string japanese, string reading, MangaAuthor author, IReadOnlyList<string> genres,
        Demographic demographic, string seriesId, SeriesRole role, int year, string synopsisEn, string synopsisJa)
    {
        var id = "MA-" + (index + 1).ToString("D5", CultureInfo.InvariantCulture);
        var status = random.PickWeighted([45, 45, 10]) switch { 0 => PublicationStatus.Ongoing, 1 => PublicationStatus.Completed, _ => PublicationStatus.Hiatus };
        var volumes = status == PublicationStatus.Completed ? random.Next(1, 42) : random.Next(1, 24);
        var availability = random.PickWeighted([70, 12, 8, 10]) switch { 0 => Availability.InStock, 1 => Availability.LowStock, 2 => Availability.Preorder, _ => Availability.OutOfStock };
        return new MangaProduct
        {
            Id = id,
            Title = title,
            JapaneseTitle = japanese,
            JapaneseTitleReading = reading,
            Author = author,
            Genres = genres,
            Demographic = demographic,
            Volumes = volumes,
            Status = status,
            SynopsisEn = synopsisEn,
            SynopsisJa = synopsisJa,
            PriceJpy = Prices[random.PickWeighted(PriceWeights)],
            Url = UrlBase + id + "-" + Slug(title),
            Availability = availability,
            SeriesId = seriesId,
            SeriesRole = role,
            FirstPublishedYear = year,
        };
    }

    private static List<MangaAuthor> CreateAuthors(DeterministicRandom random, int seriesCount)
    {
        // Work counts per author: many with a few series, some prolific; then one slot per series, shuffled.
        var names = new List<MangaAuthor>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var slots = new List<MangaAuthor>();
        while (slots.Count < seriesCount)
        {
            var family = random.Pick(Vocabulary.FamilyNames);
            var given = random.Pick(Vocabulary.GivenNames);
            var name = family.En + " " + given.En;
            if (!used.Add(name))
            {
                continue;
            }

            var author = new MangaAuthor(name, family.Ja + " " + given.Ja);
            names.Add(author);
            var works = random.PickWeighted([12, 26, 24, 18, 10, 6, 4]) + 1;
            for (var w = 0; w < works; w++)
            {
                slots.Add(author);
            }
        }

        random.Shuffle(slots);
        return slots.Take(seriesCount).ToList();
    }

    private static (string En, string Ja, string Reading) CreateTitle(DeterministicRandom random, HashSet<string> used, HashSet<string> usedJapanese)
    {
        while (true)
        {
            var adjective = random.Pick(Vocabulary.Adjectives);
            var noun = random.Pick(Vocabulary.Nouns);
            var other = random.Pick(Vocabulary.Nouns);
            var hero = random.Pick(Vocabulary.CharacterNames);
            if (other.En == noun.En)
            {
                continue;
            }

            var katakana = noun.Kana is not null && other.Kana is not null;
            var (en, ja, reading) = random.PickWeighted([35, 20, 20, 10, 10, 5]) switch
            {
                0 => ($"{adjective.En} {noun.En}", adjective.Ja + noun.Kanji, Join(adjective.Ja, noun.Kanji)),
                1 => ($"{noun.En} of the {adjective.En} {other.En}", $"{adjective.Ja}{other.Kanji}の{noun.Kanji}", Join(adjective.Ja, other.Kanji, "の", noun.Kanji)),
                2 => ($"{noun.En} {other.En}", katakana ? $"{noun.Kana}・{other.Kana}" : $"{noun.Kanji}の{other.Kanji}", katakana ? Join(noun.Kana!, other.Kana!) : Join(noun.Kanji, "の", other.Kanji)),
                3 => ($"The {noun.En} and the {other.En}", $"{noun.Kanji}と{other.Kanji}", Join(noun.Kanji, "と", other.Kanji)),
                4 => ($"{hero.En}'s {noun.En}", $"{hero.Ja}の{noun.Kanji}", Join(hero.Ja, "の", noun.Kanji)),
                _ => ($"My {adjective.En} {noun.En}", $"僕の{adjective.Ja}{noun.Kanji}", Join("僕の", adjective.Ja, noun.Kanji)),
            };

            if (!used.Contains(en) && !usedJapanese.Contains(ja))
            {
                used.Add(en);
                usedJapanese.Add(ja);
                return (en, ja, reading);
            }
        }
    }

    /// <summary>Readings of the words, space-separated; particles (の, と) stay words of their own.</summary>
    private static string Join(params string[] words) =>
        string.Join(' ', words.Select(w => w is "の" or "と" ? w : Readings.Of(w)));

    private static string[] PickGenres(DeterministicRandom random, string primary, string[] keys)
    {
        var genres = new List<string> { primary };
        var extra = random.PickWeighted([30, 50, 20]);
        while (genres.Count < extra + 1)
        {
            var genre = random.Pick(keys);
            if (!genres.Contains(genre))
            {
                genres.Add(genre);
            }
        }

        return [.. genres];
    }

    private static Demographic PickDemographic(DeterministicRandom random, string primary)
    {
        // Shōnen, shōjo, seinen, josei, kodomo.
        double[] weights = primary switch
        {
            "action" or "sports" or "martial-arts" or "adventure" or "mecha" => [55, 5, 32, 3, 5],
            "romance" => [8, 45, 7, 38, 2],
            "slice-of-life" or "cooking" or "comedy" => [20, 20, 25, 25, 10],
            "horror" or "psychological" or "thriller" or "historical" or "workplace" => [12, 6, 55, 25, 2],
            "school" or "music" => [30, 35, 10, 15, 10],
            _ => [35, 18, 27, 15, 5],
        };
        return (Demographic)random.PickWeighted(weights);
    }

    private static string Slug(string title)
    {
        var slug = new StringBuilder(title.Length);
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }
}
