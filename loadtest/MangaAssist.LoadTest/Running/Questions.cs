using System.Globalization;
using MangaAssist.LoadTest.Cli;

namespace MangaAssist.LoadTest.Running;

/// <summary>
/// The messages the virtual users send: shopping questions (Japanese and English), the emulator's
/// pacing markers when the target is the emulator, and a tag unique to the request so its model
/// transcript can be found. The cache profile's questions carry a tag unique to the question in this
/// run instead, so every user asking question n asks the very same text and can share its answer.
/// </summary>
internal sealed class Questions(LoadOptions options, string runId)
{
    // Each names a product or author of the shipped catalog (src/MangaAssist.Retrieval/Data/catalog.json), so every
    // answer should carry catalog passages; the report counts those whose prompt had none.
    private static readonly string[] Shopping =
    [
        "落ちる姫は何巻まで出ていますか？",
        "Tell me about Frozen Station.",
        "岡本真二の漫画でおすすめは？",
        "Is The Phoenix and the Cat a good pick for a beginner?",
        "遠い弁当はどんな話ですか？",
        "Which books by Kobayashi Keiko do you carry?",
    ];

    private static readonly string[] Analysis =
    [
        "Compare the pacing of two long-running series",
        "少年漫画と青年漫画の物語構成の違いを詳しく分析してください",
        "Analyse how art style changed across the first twenty volumes of a long series",
    ];

    /// <summary>The cache profile's distinct questions: asked by many users, answered once by the model.</summary>
    private static readonly string[] Cacheable =
    [
        "おすすめの少年漫画は？",
        "ワンピースの最新刊はいつ発売ですか？",
        "Which manga is like Frieren but with more action?",
        "鬼滅の刃の全巻セットはありますか？",
        "Recommend a slice-of-life manga for a beginner.",
        "進撃の巨人の英語版は売っていますか？",
        "呪術廻戦に似た漫画を教えてください",
        "Is there a box set of Fullmetal Alchemist?",
        "初心者向けの少女漫画はどれですか？",
        "What are good manga for learning Japanese?",
        "スパイファミリーの新刊は出ましたか？",
        "Recommend a short horror manga, under ten volumes.",
        "チェンソーマンは何巻まで出ていますか？",
        "Which sports manga should I start with?",
        "葬送のフリーレンの特装版はありますか？",
        "Suggest a manga about cooking.",
        "ブルーロックの最新刊を教えてください",
        "What is a good manga gift for a ten-year-old?",
        "ドラゴンボールの完全版と通常版の違いは？",
        "Recommend a completed fantasy manga series.",
    ];

    /// <summary>Cache question <paramref name="index"/>; beyond the fixed list the questions repeat with a number, still distinct.</summary>
    public static string CacheQuestion(int index) =>
        index < Cacheable.Length
            ? Cacheable[index]
            : string.Create(CultureInfo.InvariantCulture, $"{Cacheable[index % Cacheable.Length]} ({(index / Cacheable.Length) + 1})");

    /// <summary>The tag of cache question <paramref name="index"/> in this run: shared by every request asking it.</summary>
    public string CacheTag(int index) => string.Create(CultureInfo.InvariantCulture, $"#lt-{runId}-q{index}#");

    /// <summary>The text of cache question <paramref name="index"/>: the same for every request of this run that asks it.</summary>
    public string CacheText(int index) => Compose(CacheQuestion(index), CacheTag(index));

    /// <summary>The first load-test tag (<c>#lt-…#</c>) in <paramref name="text"/>, or null.</summary>
    public static string? FindTag(string text)
    {
        var start = text.IndexOf("#lt-", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = text.IndexOf('#', start + 4);
        return end < 0 ? null : text[start..(end + 1)];
    }

    /// <summary>The tag for answer <paramref name="sequence"/> of user <paramref name="user"/>; delimited on both sides so no tag contains another.</summary>
    public string Tag(int user, long sequence) => string.Create(CultureInfo.InvariantCulture, $"#lt-{runId}-{user}-{sequence}#");

    public string Text(int user, long sequence, string tag)
    {
        var pool = options.Action == "analyze" ? Analysis : Shopping;
        var question = pool[(int)((user + sequence) % pool.Length)];
        return Compose(question, tag);
    }

    private string Compose(string question, string tag)
    {
        if (!options.TargetIsEmulator)
        {
            return $"{question} {tag}";
        }

        var markers = string.Create(CultureInfo.InvariantCulture, $"[[ttft:{options.EmulatorTimeToFirstTokenMs}]] [[tps:{options.EmulatorTokensPerSecond}]]");
        if (options.AnswerTokens is { } tokens)
        {
            markers += string.Create(CultureInfo.InvariantCulture, $" [[tokens:{tokens}]]");
        }

        return $"{question} {markers} {tag}";
    }
}
