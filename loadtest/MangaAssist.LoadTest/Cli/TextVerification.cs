namespace MangaAssist.LoadTest.Cli;

/// <summary>
/// Which <c>done</c> answers are compared with the Bedrock emulator's transcript of what the model
/// produced: every one, one in <see cref="OneIn"/>, or none (0).
/// </summary>
internal readonly record struct TextVerification(int OneIn)
{
    public static TextVerification All => new(1);

    public static TextVerification None => new(0);

    public bool Enabled => OneIn > 0;

    public bool Applies(long answerNumber) => Enabled && answerNumber % OneIn == 0;

    public override string ToString() => OneIn switch
    {
        0 => "none",
        1 => "all",
        _ => $"1 in {OneIn}",
    };

    public static bool TryParse(string value, out TextVerification verification)
    {
        verification = value switch
        {
            "all" => All,
            "none" => None,
            _ when int.TryParse(value, out var n) && n >= 0 => new TextVerification(n),
            _ => new TextVerification(-1),
        };
        return verification.OneIn >= 0;
    }
}
