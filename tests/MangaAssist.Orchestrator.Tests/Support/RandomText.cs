using System.Text;

namespace MangaAssist.Orchestrator.Tests.Support;

/// <summary>Random well-formed text mixing ASCII, JSON specials, control characters, Japanese and emoji.</summary>
public static class RandomText
{
    private static readonly string[] Pieces =
    [
        "a", "manga ", "\"", "\\", "\n", "\t", "\u0001", "\u001f", "\u2028", "/", "<", "漫", "画", "ワンピース", "ｱ", "é", "😀", "👨‍👩‍👧", "𠮷", " ",
    ];

    public static string Next(Random random, int maxPieces)
    {
        var builder = new StringBuilder();
        var count = random.Next(0, maxPieces + 1);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }
}
