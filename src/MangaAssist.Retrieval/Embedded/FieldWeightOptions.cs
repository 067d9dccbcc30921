using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>BM25 field weights of the embedded index.</summary>
public sealed class FieldWeightOptions
{
    [Range(0.0, 100.0)]
    public float Title { get; set; } = 3.0f;

    /// <summary>Character trigrams of title and author words (typo tolerance).</summary>
    [Range(0.0, 100.0)]
    public float Grams { get; set; } = 1.0f;

    [Range(0.0, 100.0)]
    public float Author { get; set; } = 2.5f;

    [Range(0.0, 100.0)]
    public float Tags { get; set; } = 0.6f;

    [Range(0.0, 100.0)]
    public float Synopsis { get; set; } = 1.5f;
}
