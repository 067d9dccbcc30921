namespace MangaAssist.Retrieval.Ranking;

/// <summary>One candidate of a first stage for the <see cref="SecondStage"/>: the product and its embedding (empty when there is none).</summary>
internal readonly record struct PoolCandidate(string ProductId, ReadOnlyMemory<float> Embedding);
