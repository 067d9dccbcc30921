namespace MangaAssist.Emulators.OpenSearch.Engine.Queries;

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
        double dot = 0, qq = 0, dd = 0, l2 = 0;
        for (var i = 0; i < query.Length; i++)
        {
            dot += query[i] * document[i];
            qq += query[i] * query[i];
            dd += document[i] * document[i];
            var d = query[i] - document[i];
            l2 += d * d;
        }

        return space switch
        {
            "cosinesimil" => (1 + (qq == 0 || dd == 0 ? 0 : dot / Math.Sqrt(qq * dd))) / 2,
            "innerproduct" => dot >= 0 ? dot + 1 : 1 / (1 - dot),
            _ => 1 / (1 + l2),
        };
    }
}
