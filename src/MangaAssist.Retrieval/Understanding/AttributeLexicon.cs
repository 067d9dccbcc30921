using System.Text.RegularExpressions;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Understanding;

/// <summary>Genre and demographic words in English, romaji and Japanese (normalised), with the bit each one stands for.</summary>
internal static class AttributeLexicon
{
    private static readonly (string Word, string Genre)[] GenreSynonyms =
    [
        ("science fiction", "sci-fi"), ("scifi", "sci-fi"), ("sf", "sci-fi"), ("robot", "mecha"), ("robots", "mecha"), ("giant robot", "mecha"),
        ("food", "cooking"), ("gourmet", "cooking"), ("romantic", "romance"), ("love story", "romance"), ("scary", "horror"),
        ("sport", "sports"), ("slice-of-life", "slice-of-life"), ("martial arts", "martial-arts"), ("school", "school"),
        ("suspense", "thriller"), ("detective story", "mystery"), ("psychological thriller", "psychological"),
    ];

    private static readonly (string Word, Demographic Demographic)[] DemographicWords =
    [
        ("shonen", Demographic.Shonen), ("shounen", Demographic.Shonen), ("shojo", Demographic.Shojo), ("shoujo", Demographic.Shojo),
        ("seinen", Demographic.Seinen), ("josei", Demographic.Josei), ("kodomo", Demographic.Kodomo),
        ("少年", Demographic.Shonen), ("少女", Demographic.Shojo), ("青年", Demographic.Seinen), ("女性", Demographic.Josei), ("児童", Demographic.Kodomo),
    ];

    private static readonly Dictionary<string, uint> GenreBits = BuildGenreBits();
    private static readonly Dictionary<string, uint> DemographicBits = DemographicWords.ToDictionary(d => d.Word, d => 1u << (int)d.Demographic, StringComparer.Ordinal);

    /// <summary>Every genre word, longest first so that "psychological thriller" wins over "thriller".</summary>
    public static readonly Regex Genre = Build(GenreBits.Keys);

    public static readonly Regex DemographicWord = Build(DemographicBits.Keys);

    public static uint GenreBit(string word) => GenreBits.GetValueOrDefault(word);

    public static uint DemographicBit(string word) => DemographicBits.GetValueOrDefault(word);

    private static Dictionary<string, uint> BuildGenreBits()
    {
        var bits = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var genre in Genres.All)
        {
            var bit = 1u << Genres.IndexOf(genre.Key);
            bits[TextNormalizer.Normalize(genre.Key)] = bit;
            bits[TextNormalizer.Normalize(genre.English)] = bit;
            bits[TextNormalizer.Normalize(genre.Japanese)] = bit;
        }

        foreach (var (word, genre) in GenreSynonyms)
        {
            bits[word] = 1u << Genres.IndexOf(genre);
        }

        return bits;
    }

    private static Regex Build(IEnumerable<string> words)
    {
        // Latin words need Latin boundaries ("art" is not "martial arts"), also next to kana ("のsfで"); Japanese words have none.
        var alternatives = words.OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal)
            .Select(w => char.IsAscii(w[0]) ? "(?<![a-z0-9])" + Regex.Escape(w) + "(?![a-z0-9])" : Regex.Escape(w));
        return new Regex(string.Join('|', alternatives), RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }
}
