using MangaAssist.Retrieval.Embeddings;

namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>
/// <c>knn</c>: exact nearest neighbours (no HNSW graph; the stand-in scans every vector) among the documents that
/// pass the optional <c>filter</c>, the <c>k</c> best, scored as the k-NN plugin scores the field's space type.
/// </summary>
internal sealed class KnnQuery(string field, float[] vector, int k, Query? filter) : Query
{
    public override Dictionary<int, double> Evaluate(IndexSnapshot snapshot)
    {
        var mapping = snapshot.Index.Mapping.Find(field);
        if (mapping is not { Type: FieldType.KnnVector })
        {
            throw OpenSearchError.IllegalArgument($"Field '{field}' is not knn_vector type.");
        }

        if (vector.Length != mapping.Dimension)
        {
            throw OpenSearchError.IllegalArgument($"Query vector has invalid dimension: {vector.Length}. Dimension should be: {mapping.Dimension}");
        }

        var allowed = filter?.Evaluate(snapshot);
        var scored = new List<(int Document, double Score)>();
        for (var i = 0; i < snapshot.Documents.Length; i++)
        {
            if ((allowed is null || allowed.ContainsKey(i)) && snapshot.Documents[i].Vectors.TryGetValue(field, out var own))
            {
                scored.Add((i, Score(mapping.SpaceType, vector, own)));
            }
        }

        return scored.OrderByDescending(s => s.Score).ThenBy(s => s.Document).Take(k).ToDictionary(s => s.Document, s => Boost * s.Score);
    }

    private static double Score(string space, float[] query, float[] document)
    {
        // SIMD dot products (the retrieval library's), so a scan of the catalog stays cheap.
        double dot = VectorMath.Dot(query, document);
        switch (space)
        {
            case "cosinesimil":
                var norms = Math.Sqrt((double)VectorMath.Dot(query, query) * VectorMath.Dot(document, document));
                return (1 + (norms == 0 ? 0 : dot / norms)) / 2;
            case "innerproduct":
                return dot >= 0 ? dot + 1 : 1 / (1 - dot);
            default:
                var l2 = VectorMath.Dot(query, query) - 2 * dot + VectorMath.Dot(document, document);
                return 1 / (1 + Math.Max(0, l2));
        }
    }
}
