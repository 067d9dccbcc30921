namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>Per text field: how many documents have it, their mean length, and each term's document frequency.</summary>
internal sealed record FieldStatistics(int DocumentCount, double AverageLength, Dictionary<string, int> DocumentFrequency);

/// <summary>The documents of an index at one moment and their BM25 statistics; immutable, shared by searches.</summary>
internal sealed class IndexSnapshot
{
    private IndexSnapshot(SearchIndex index, StoredDocument[] documents, Dictionary<string, FieldStatistics> statistics)
    {
        Index = index;
        Documents = documents;
        Statistics = statistics;
    }

    public SearchIndex Index { get; }

    public StoredDocument[] Documents { get; }

    public Dictionary<string, FieldStatistics> Statistics { get; }

    public static IndexSnapshot Build(SearchIndex index, StoredDocument[] documents)
    {
        var statistics = new Dictionary<string, FieldStatistics>(StringComparer.Ordinal);
        foreach (var field in index.Mapping.Fields.Where(f => f.Type == FieldType.Text))
        {
            var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
            long total = 0;
            var count = 0;
            foreach (var document in documents)
            {
                if (!document.Terms.TryGetValue(field.Path, out var terms))
                {
                    continue;
                }

                count++;
                total += document.Lengths[field.Path];
                foreach (var term in terms.Keys)
                {
                    frequency[term] = frequency.GetValueOrDefault(term) + 1;
                }
            }

            statistics[field.Path] = new FieldStatistics(count, count == 0 ? 0 : (double)total / count, frequency);
        }

        return new IndexSnapshot(index, documents, statistics);
    }
}
