namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>What a mapped field is searched as.</summary>
internal enum FieldType
{
    Text,
    Keyword,
    Number,
    Boolean,
    KnnVector,
}

/// <summary>
/// One searchable field: <paramref name="Path"/> is its name in queries (<c>title.ngram</c> for a multi-field),
/// <paramref name="SourcePath"/> the <c>_source</c> property it reads (<c>title</c>).
/// </summary>
internal sealed record FieldMapping(string Path, string SourcePath, FieldType Type, TextAnalyzer IndexAnalyzer, TextAnalyzer SearchAnalyzer)
{
    /// <summary>Dimensions of a <c>knn_vector</c> field.</summary>
    public int Dimension { get; init; }

    /// <summary><c>cosinesimil</c>, <c>innerproduct</c> or <c>l2</c> for a <c>knn_vector</c> field.</summary>
    public string SpaceType { get; init; } = "l2";

    /// <summary><c>"index": false</c>: kept in <c>_source</c>, not searchable.</summary>
    public bool Indexed { get; init; } = true;
}
