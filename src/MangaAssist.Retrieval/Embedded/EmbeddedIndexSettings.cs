namespace MangaAssist.Retrieval.Embedded;

/// <summary>Scoring parameters of the embedded index (bound from <c>Retrieval:Embedded</c>).</summary>
internal sealed record EmbeddedIndexSettings
{
    public float K1 { get; init; } = 1.2f;

    public float B { get; init; } = 0.1f;

    public float TitleWeight { get; init; } = 3.0f;

    public float GramsWeight { get; init; } = 1.0f;

    public float AuthorWeight { get; init; } = 2.5f;

    public float TagsWeight { get; init; } = 0.6f;

    public float SynopsisWeight { get; init; } = 1.5f;

    public float Bm25Weight { get; init; } = 0.7f;

    public float VectorWeight { get; init; } = 0.3f;

    /// <summary>Share of a name field's score kept when the query covers none of the name; the rest grows with coverage².</summary>
    public float CoverageFloor { get; init; } = 0.1f;

    /// <summary>Multiplier of a title or author matched in full.</summary>
    public float ExactNameBoost { get; init; } = 1.5f;

    public HybridNormalization Normalization { get; init; } = HybridNormalization.ZScore;

    /// <summary>How many of the best documents of each list take part in the fusion.</summary>
    public int CandidateCount { get; init; } = 100;

    public float FieldWeight(IndexField field) => field switch
    {
        IndexField.TitleEn or IndexField.TitleJa or IndexField.TitleReading => TitleWeight,
        IndexField.Grams => GramsWeight,
        IndexField.AuthorEn or IndexField.AuthorJa or IndexField.AuthorReading => AuthorWeight,
        IndexField.Tags => TagsWeight,
        _ => SynopsisWeight,
    };
}
