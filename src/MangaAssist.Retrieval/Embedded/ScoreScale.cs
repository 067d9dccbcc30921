namespace MangaAssist.Retrieval.Embedded;

/// <summary>How one ranked list's raw scores map onto a common scale before fusion (min-max or z-score).</summary>
internal readonly record struct ScoreScale(float Offset, float Divisor)
{
    public float Apply(float score) => (score - Offset) / Divisor;
}
