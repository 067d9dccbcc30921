using System.Globalization;
using MangaAssist.LoadTest.Cli;

namespace MangaAssist.LoadTest.Running;

/// <summary>
/// The messages the virtual users send: shopping questions (Japanese and English), the emulator's
/// pacing markers when the target is the emulator, and a tag unique to the request so its model
/// transcript can be found.
/// </summary>
internal sealed class Questions(LoadOptions options, string runId)
{
    private static readonly string[] Shopping =
    [
        "おすすめの少年漫画は？",
        "ワンピースの最新刊はいつ発売ですか？",
        "Which manga is like Frieren but with more action?",
        "鬼滅の刃の全巻セットはありますか？",
        "Recommend a slice-of-life manga for a beginner.",
        "進撃の巨人の英語版は売っていますか？",
    ];

    private static readonly string[] Analysis =
    [
        "Compare the pacing of two long-running series",
        "少年漫画と青年漫画の物語構成の違いを詳しく分析してください",
        "Analyse how art style changed across the first twenty volumes of a long series",
    ];

    /// <summary>The tag for answer <paramref name="sequence"/> of user <paramref name="user"/>; delimited on both sides so no tag contains another.</summary>
    public string Tag(int user, long sequence) => string.Create(CultureInfo.InvariantCulture, $"#lt-{runId}-{user}-{sequence}#");

    public string Text(int user, long sequence, string tag)
    {
        var pool = options.Action == "analyze" ? Analysis : Shopping;
        var question = pool[(int)((user + sequence) % pool.Length)];
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
