namespace MangaAssist.Retrieval.Catalog;

/// <summary>The store's genre vocabulary: key, English and Japanese names.</summary>
public static class Genres
{
    public static readonly IReadOnlyList<GenreInfo> All =
    [
        new("action", "Action", "アクション"),
        new("adventure", "Adventure", "冒険"),
        new("comedy", "Comedy", "コメディ"),
        new("drama", "Drama", "ドラマ"),
        new("fantasy", "Fantasy", "ファンタジー"),
        new("romance", "Romance", "恋愛"),
        new("sci-fi", "Sci-Fi", "SF"),
        new("horror", "Horror", "ホラー"),
        new("mystery", "Mystery", "ミステリー"),
        new("slice-of-life", "Slice of Life", "日常"),
        new("sports", "Sports", "スポーツ"),
        new("cooking", "Cooking", "グルメ"),
        new("historical", "Historical", "歴史"),
        new("isekai", "Isekai", "異世界"),
        new("mecha", "Mecha", "ロボット"),
        new("supernatural", "Supernatural", "怪異"),
        new("psychological", "Psychological", "サイコ"),
        new("music", "Music", "音楽"),
        new("school", "School Life", "学園"),
        new("martial-arts", "Martial Arts", "格闘"),
        new("workplace", "Workplace", "お仕事"),
        new("thriller", "Thriller", "サスペンス"),
    ];

    private static readonly Dictionary<string, GenreInfo> ByKey = All.ToDictionary(g => g.Key, StringComparer.OrdinalIgnoreCase);

    public static GenreInfo? Find(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>Bit position of a genre key (for filter masks); -1 when unknown.</summary>
    public static int IndexOf(string key)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}

public sealed record GenreInfo(string Key, string English, string Japanese);
