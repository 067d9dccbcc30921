using System.Runtime.CompilerServices;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>The weighted sum of normalised scores. With min-max, a document outside a list's candidates scores 0 in that list.</summary>
internal readonly record struct ScoreFusion(ScoreScale Lexical, ScoreScale Semantic, float LexicalThreshold, float SemanticThreshold, float LexicalWeight, float SemanticWeight, bool UseVectors, bool ZScore)
{
    public bool InLexical(ReadOnlySpan<float> lexical, int d) => lexical[d] > 0 && lexical[d] >= LexicalThreshold;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float Score(ReadOnlySpan<float> lexical, ReadOnlySpan<float> semantic, int d)
    {
        var l = ZScore || InLexical(lexical, d) ? Lexical.Apply(lexical[d]) : 0f;
        var s = UseVectors && (ZScore || semantic[d] >= SemanticThreshold) ? Semantic.Apply(semantic[d]) : 0f;
        return LexicalWeight * l + SemanticWeight * s;
    }
}
